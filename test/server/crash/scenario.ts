import type { WechatStandIn } from '../../../server/src/integrations/wechat/stand-in';
import { call, consentFor, login } from '../../support/api';
import type { TestServer } from '../../support/test-server';
import { outcome, type AnswerLog } from './answers';
import type { ChildServer } from './child-server';

/**
 * The people, the shop and the traffic of the kill-restart test: two nurses
 * reporting faults and redeeming a scarce gift, an engineer accepting each
 * reported ticket and an admin cancelling about half of the orders — the last
 * two send notices through the outbox.
 */

/** Smaller than the redemption attempts: most of them must meet an empty shelf. */
export const STOCK = 12;
export const PRICE = 10;
/** Enough that points never run out: every refusal is about stock. */
const GRANT = 100_000;
/** WeChat allowances 李静 gives per template: fewer than her notices, so copies are both sent and skipped. */
export const ALLOWANCE = 8;
export const OPENID = 'oWx_crash_li_0001';

export interface Person {
  token: string;
  id: string;
  phone: string;
}

export interface Cast {
  admin: Person;
  engineer: Person;
  /** Staff: 李静 (signed in through WeChat) and 陈建华 (SMS only, so no WeChat copies). */
  li: Person;
  chen: Person;
  departmentId: string;
  giftId: string;
  addressOf: Map<string, string>;
  /** Balances after the grant, before the stream (demo staff also hold welcome points). */
  startBalance: Map<string, number>;
}

/** The api.ts helpers only need the server's URLs. */
const client = (server: ChildServer) => server as Pick<TestServer, 'url' | 'api'> as TestServer;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function must(res: { status: number; body: unknown }, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** Signs everyone in once (60 s SMS cooldown): sessions live in the database and must outlive every kill. Then the shop. */
export async function prepare(server: ChildServer, standIn: WechatStandIn, seed: number): Promise<Cast> {
  const http = client(server);
  const me = async (token: string) => (await call(http, 'GET', '/me', { token })).body;
  const signIn = async (phone: string): Promise<Person> => {
    const { token } = await login(http, phone);
    return { token, phone, id: (await me(token)).id };
  };
  const signInThroughWechat = async (phone: string): Promise<Person> => {
    await login(http, phone, { consent: ['service'] });
    const wx = await call(http, 'POST', '/auth/wechat', { body: { code: standIn.issueLoginCode(OPENID).code, consent: await consentFor(http, ['service']) } });
    must(await call(http, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code: standIn.issuePhoneCode(phone).code } }), 200, 'binding the phone');
    return { token: wx.body.token, phone, id: (await me(wx.body.token)).id };
  };

  const admin = await signIn('13800000001');
  const engineer = await signIn('13800000002');
  const li = await signInThroughWechat('13800000004');
  const chen = await signIn('13800000005');
  for (let i = 0; i < ALLOWANCE; i++) {
    await call(http, 'POST', '/notifications/subscriptions', { token: li.token, body: { results: { ticket_status: 'accept', order_status: 'accept' } } });
  }
  const gift = await call(http, 'POST', '/admin/gifts', {
    token: admin.token,
    body: { name: `崩溃测试保温杯 ${seed}`, pointsPrice: PRICE, valueYuan: 0, stock: STOCK, perPersonLimit: 100 },
  });
  must(gift, 201, 'creating the gift');
  const cast: Cast = { admin, engineer, li, chen, departmentId: (await me(li.token)).profile.department.id, giftId: gift.body.id, addressOf: new Map(), startBalance: new Map() };
  for (const person of [li, chen]) {
    must(await call(http, 'POST', '/admin/points/adjustments', { token: admin.token, body: { userId: person.id, delta: GRANT, reason: '崩溃测试积分' } }), 201, 'granting points');
    const address = await call(http, 'POST', '/addresses', {
      token: person.token,
      body: { recipientName: '王芳', phone: person.phone, provinceCode: '110000', cityCode: '110100', districtCode: '110101', detail: '东华门大街 1 号 消化内镜中心', isDefault: true },
    });
    must(address, 201, 'saving the address');
    cast.addressOf.set(person.id, address.body.id);
    cast.startBalance.set(person.id, (await call(http, 'GET', '/points', { token: person.token })).body.balance);
  }
  return cast;
}

export interface StreamOptions {
  kills: number;
  seed: number;
  /** Random numbers for the kill delays, and for double taps, pauses and which orders are cancelled. */
  killDelay: () => number;
  chance: () => number;
  /** Called after each restart with how long it took (ms). */
  onRestart: (ms: number) => void;
}

/** The client loops and a killer, until the killer is done; then every loop finishes the exchange in hand. */
export async function stream(server: ChildServer, log: AnswerLog, cast: Cast, o: StreamOptions): Promise<void> {
  let stopping = false;
  const reported: string[] = [];
  const ordered: string[] = [];
  const think = () => sleep(5 + o.chance() * 40);
  const take = async (queue: string[]) => {
    while (!queue.length && !stopping) await sleep(20);
    return queue.shift();
  };

  const reporting = async (who: Person, name: string) => {
    for (let i = 0; !stopping; i++) {
      const key = `${o.seed}-${name}-ticket-${i}`;
      // The key in the text: the ticket can be found by it, whatever the server recorded.
      const body = {
        departmentId: cast.departmentId,
        model: 'QV-G290 电子胃镜',
        serial: `CR${o.seed % 10000}${i}`,
        description: `崩溃测试 ${key}：图像模糊，清洗后仍不清楚。`,
        contactName: '报修联系人',
        contactPhone: who.phone,
        contactConsent: false,
      };
      const ex = await log.exchange('create', key, { method: 'POST', path: '/tickets', token: who.token, body, idempotencyKey: key }, o.chance() < 0.2);
      if (outcome(ex).status === 201) reported.push(outcome(ex).body.id);
      await think();
    }
  };
  const redeeming = async (who: Person, name: string) => {
    for (let i = 0; !stopping; i++) {
      const key = `${o.seed}-${name}-order-${i}`;
      const body = { giftId: cast.giftId, quantity: 1, addressId: cast.addressOf.get(who.id) };
      const ex = await log.exchange('redeem', key, { method: 'POST', path: '/redemptions', token: who.token, body, idempotencyKey: key }, o.chance() < 0.2);
      if (outcome(ex).status === 201) ordered.push(outcome(ex).body.id);
      await think();
    }
  };
  const accepting = async () => {
    for (let id = await take(reported); id; id = await take(reported)) {
      await log.exchange('accept', id, { method: 'POST', path: `/tickets/${id}/transitions`, token: cast.engineer.token, body: { action: 'accept' } });
    }
  };
  const cancelling = async () => {
    for (let id = await take(ordered); id; id = await take(ordered)) {
      if (o.chance() < 0.5) {
        await log.exchange('cancel', id, { method: 'POST', path: `/admin/redemptions/${id}/cancel`, token: cast.admin.token, body: { reason: '崩溃测试：库存盘点后取消' } });
      }
    }
  };
  const killing = async () => {
    for (let k = 0; k < o.kills; k++) {
      await sleep(300 + o.killDelay() * 1700);
      await server.kill();
      const started = Date.now();
      await server.start();
      o.onRestart(Date.now() - started);
    }
    // Some traffic on the last incarnation too, before the clients stop.
    await sleep(1500);
    stopping = true;
  };

  const { li, chen } = cast;
  const clients = [reporting(li, 'li'), reporting(chen, 'chen'), redeeming(li, 'li'), redeeming(chen, 'chen'), accepting(), cancelling()];
  try {
    await killing();
  } catch (err) {
    // A server that will not start again: no loop may go on resending into the void after the test has failed.
    stopping = true;
    log.abandon();
    await Promise.allSettled(clients);
    throw err;
  }
  await Promise.all(clients);
}

/** Every acknowledged create and redemption sent once more with its key, four at a time: a client that lost track in the crash. */
export async function replay(log: AnswerLog): Promise<void> {
  const queue = log.exchanges.filter((e) => (e.op === 'create' || e.op === 'redeem') && outcome(e).status === 201);
  const worker = async () => {
    for (let e = queue.shift(); e; e = queue.shift()) await log.exchange(e.op === 'create' ? 'replay-create' : 'replay-redeem', e.key, e.request);
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}
