import { sealAddress, sealSnapshot, snapshotOf, type AddressPlain } from '../../server/src/modules/addresses/address.codec';
import { DAY_MS } from './config';
import type { People } from './people';
import { postPoints } from './people';
import { idAt, type World } from './world';

/** The catalog: six everyday gifts, and four with deep stock that the bench's redemptions draw on. */
const GIFTS = [
  { name: '保温杯', price: 800, value: 60, stock: 3000, limit: 1 },
  { name: '护手霜礼盒', price: 500, value: 40, stock: 3000, limit: 2 },
  { name: '医学笔记本', price: 200, value: 15, stock: 5000, limit: 3 },
  { name: '蓝牙耳机', price: 2500, value: 199, stock: 50, limit: 1 },
  { name: '午睡枕', price: 600, value: 45, stock: 200, limit: 1 },
  { name: '帆布包', price: 300, value: 25, stock: 0, limit: 1 },
];
const BENCH_GIFTS = ['消毒湿巾（10 包）', '医用护目镜', '签字笔（盒）', '便携药盒'];
const REGIONS: readonly [string, string, string][] = [
  ['110000', '110100', '110101'],
  ['310000', '310100', '310101'],
  ['440000', '440100', '440104'],
  ['330000', '330100', '330106'],
  ['320000', '320100', '320102'],
  ['510000', '510100', '510104'],
];

export interface Extras {
  benchGiftIds: string[];
}

/**
 * Gifts with their initial stock recorded, a default address for every
 * crowd member (and a fifth of the other staff), two past orders per crowd
 * member, a large welcome grant for the crowd (so the bench's redemptions
 * never run out), and the points accounts, which equal the ledger sums.
 */
export function buildExtras(w: World, people: People): Extras {
  const { rng, sink } = w;
  const at = w.now - 400 * DAY_MS;
  const admin = people.admins[0]!.id;
  const gifts = [
    ...GIFTS.map((g) => ({ ...g, bench: false })),
    ...BENCH_GIFTS.map((name) => ({ name, price: 10, value: 1, stock: 100_000_000, limit: 1_000_000, bench: true })),
  ].map((g, i) => {
    const id = idAt(w, at + i);
    if (g.stock > 0) sink.add('gift_stock_change', { id: idAt(w, at + i), created_at: new Date(at + i), gift_id: id, delta: g.stock, stock_after: g.stock, reason: 'initial', reference: null, note: '首批入库', actor_id: admin });
    return { ...g, id, at: at + i, left: g.stock };
  });

  const addressOf = new Map<string, { id: string; plain: AddressPlain }>();
  const crowdIds = new Set(people.crowd.map((c) => c.id));
  for (const [, staff] of people.staffByDepartment) {
    for (const p of staff) {
      if (!crowdIds.has(p.id) && !rng.chance(0.2)) continue;
      const t = w.now - rng.between(30, 600) * DAY_MS;
      const id = idAt(w, t);
      const [provinceCode, cityCode, districtCode] = rng.pick(REGIONS);
      const plain: AddressPlain = { recipientName: p.name, phone: p.phone, provinceCode, cityCode, districtCode, detail: `示例街道${rng.int(300) + 1}号${rng.int(20) + 1}栋${rng.int(30) + 1}0${rng.int(4) + 1}室` };
      sink.add('address', { id, created_at: new Date(t), user_id: p.id, sealed: sealAddress(w.cipher, id, plain), is_default: true, updated_at: new Date(t) });
      addressOf.set(p.id, { id, plain });
    }
  }

  let orderSeq = 0;
  for (const c of people.crowd) {
    c.addressId = addressOf.get(c.id)!.id;
    postPoints(w, people.points, c.id, 10_000_000, 'admin_adjustment', w.now - 300 * DAY_MS, { actorId: admin, note: '压测积分', key: `bench-grant:${c.id}` });
    for (let k = 0; k < 2; k++) {
      const gift = gifts[rng.int(3)]!;
      const t = w.now - rng.between(5, 280) * DAY_MS;
      const id = idAt(w, t);
      const status = t < w.now - 20 * DAY_MS ? 'delivered' : rng.pick(['pending', 'shipped']);
      const number = `DH${new Date(t + 8 * 3600_000).toISOString().slice(2, 10).replace(/-/g, '')}${(orderSeq++).toString(32).toUpperCase().padStart(6, 'Z')}`;
      postPoints(w, people.points, c.id, -gift.price, 'redemption', t, { reference: `order:${id}`, key: `redemption:${id}` });
      gift.left -= 1;
      sink.add('gift_stock_change', { id: idAt(w, t), created_at: new Date(t), gift_id: gift.id, delta: -1, stock_after: gift.left, reason: 'redemption', reference: `order:${id}`, note: null, actor_id: c.id });
      sink.add('redemption_order', {
        id,
        created_at: new Date(t),
        number,
        user_id: c.id,
        gift_id: gift.id,
        gift_name: gift.name,
        quantity: 1,
        points_total: gift.price,
        value_yuan_total: gift.value,
        address_sealed: sealSnapshot(w.cipher, id, snapshotOf(addressOf.get(c.id)!.plain)),
        status,
        carrier: status === 'pending' ? null : '顺丰速运',
        tracking_no: status === 'pending' ? null : `SF${1000000000 + orderSeq}`,
        shipped_at: status === 'pending' ? null : new Date(t + 2 * DAY_MS),
        delivered_at: status === 'delivered' ? new Date(t + 5 * DAY_MS) : null,
        updated_at: new Date(t),
      });
    }
    c.balance = people.points.get(c.id)!.balance;
  }
  // Written last, with the stock the recorded changes leave.
  for (const g of gifts) {
    sink.add('gift', {
      id: g.id,
      created_at: new Date(g.at),
      name: g.name,
      description: `${g.name}，积分兑换礼品。`,
      points_price: g.price,
      value_yuan: g.value,
      stock: g.left,
      per_person_limit: g.limit,
      active: true,
      image_ids: null,
      active_from: null,
      active_until: null,
      updated_at: new Date(g.at),
    });
  }
  for (const [userId, account] of people.points) {
    sink.add('points_account', { id: idAt(w, at), created_at: new Date(at), user_id: userId, balance: account.balance, last_seq: account.seq, updated_at: new Date(w.now - DAY_MS) });
  }
  return { benchGiftIds: gifts.filter((g) => g.bench).map((g) => g.id) };
}
