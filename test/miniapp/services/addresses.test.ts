import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AddressInputSchema,
  AddressListSchema,
  AddressPatchSchema,
  AddressViewSchema,
  type AddressInput,
  type AddressView,
} from '../../../shared/schemas/addresses.schema';
import { citiesOf, districtsOf, provinces, regionNames } from '../../../shared/china-regions';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Addresses = typeof import('../../../miniapp/src/services/addresses');
type Regions = typeof import('../../../miniapp/src/packages/points/address-edit/regions');
type Pick = typeof import('../../../miniapp/src/packages/points/address-pick');

const SRC = '../../../miniapp/src';
const Id = z.object({ id: z.string().uuid() });

const input: AddressInput = {
  recipientName: '王护士',
  phone: '13800000004',
  provinceCode: '440000',
  cityCode: '440300',
  districtCode: '440305',
  detail: '南山区人民医院 消化内镜中心',
  isDefault: true,
};

function viewOf(body: AddressInput, id = randomUUID()): AddressView {
  const names = regionNames(body.provinceCode, body.cityCode, body.districtCode)!;
  return { ...body, ...names, id, createdAt: '2026-11-22T03:00:00.000Z' };
}

const home = viewOf({ ...input, isDefault: false, recipientName: '王丽', detail: '科技园路 1 号 3 栋' });
let saved: AddressView[] = [home];

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    { method: 'get', path: '/addresses', response: AddressListSchema, reply: () => ({ items: saved }) },
    { method: 'post', path: '/addresses', body: AddressInputSchema, response: AddressViewSchema, status: 201, reply: ({ body }) => viewOf(body) },
    {
      method: 'patch',
      path: '/addresses/:id',
      params: Id,
      body: AddressPatchSchema,
      response: AddressViewSchema,
      reply: ({ params, body }) => ({ ...home, ...(body as object), id: (params as { id: string }).id }),
    },
    { method: 'delete', path: '/addresses/:id', params: Id, response: z.unknown(), status: 204, reply: () => undefined },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
  saved = [home];
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];
const load = () =>
  loadApp<{ addresses: Addresses; regions: Regions; pick: Pick }>(standIn.server.url, {
    addresses: `${SRC}/services/addresses`,
    regions: `${SRC}/packages/points/address-edit/regions`,
    pick: `${SRC}/packages/points/address-pick`,
  });

describe('address services against the shared contracts', () => {
  it('lists the saved addresses', async () => {
    const { addresses } = load();
    await expect(addresses.listAddresses()).resolves.toEqual([home]);
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/addresses' });
  });

  it('creates with the region codes and the form’s idempotency key; the names come back resolved', async () => {
    const { addresses } = load();
    const created = await addresses.createAddress(input, 'address-key-1');
    expect(lastCall()).toMatchObject({ method: 'POST', body: input, idempotencyKey: 'address-key-1' });
    expect(created).toMatchObject({ province: '广东省', city: '深圳市', district: '南山区', isDefault: true });
  });

  it('a region that is not a real chain is refused per field, in Chinese, under 所在地区', async () => {
    const { addresses } = load();
    const err = await addresses.createAddress({ ...input, cityCode: '110100' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', fieldErrors: [{ path: 'districtCode', message: '所选地区无效，请重新选择省、市、区' }] });
    const phone = await addresses.createAddress({ ...input, phone: '1380000' }).catch((e: unknown) => e);
    expect(phone).toMatchObject({ fieldErrors: [{ path: 'phone', message: '请输入 11 位手机号' }] });
  });

  it('edits, sets the default and deletes by id', async () => {
    const { addresses } = load();
    await expect(addresses.updateAddress(home.id, { detail: '科技园路 2 号' })).resolves.toMatchObject({ id: home.id, detail: '科技园路 2 号' });
    expect(lastCall()).toMatchObject({ method: 'PATCH', path: `/api/v1/addresses/${home.id}`, body: { detail: '科技园路 2 号' } });
    await expect(addresses.setDefaultAddress(home.id)).resolves.toMatchObject({ isDefault: true });
    expect(lastCall()?.body).toEqual({ isDefault: true });
    await expect(addresses.deleteAddress(home.id)).resolves.toBeUndefined();
    expect(lastCall()).toMatchObject({ method: 'DELETE', path: `/api/v1/addresses/${home.id}` });
  });
});

describe('choosing and showing addresses', () => {
  it('preselects the default (else the first) and lists it first', () => {
    const { addresses } = load();
    const office = viewOf(input);
    expect(addresses.preferredAddress([home, office])).toBe(office);
    expect(addresses.preferredAddress([home])).toBe(home);
    expect(addresses.preferredAddress([])).toBeNull();
    expect(addresses.sortAddresses([home, office]).map((a) => a.id)).toEqual([office.id, home.id]);
  });

  it('one line for the region and street (a municipality is named once); phones masked in lists', () => {
    const { addresses } = load();
    expect(addresses.addressLine(home)).toBe('广东省 深圳市 南山区 科技园路 1 号 3 栋');
    expect(addresses.addressLine({ province: '北京市', city: '北京市', district: '朝阳区', detail: '工体北路 1 号' })).toBe('北京市 朝阳区 工体北路 1 号');
    expect(addresses.maskPhone('13800000004')).toBe('138****0004');
  });

  it('the redeem page takes a picked address once', () => {
    const { pick } = load();
    expect(pick.takePickedAddress()).toBeNull();
    pick.pickAddress(home);
    expect(pick.takePickedAddress()).toBe(home);
    expect(pick.takePickedAddress()).toBeNull();
  });
});

describe('the region cascader’s options (shared/china-regions)', () => {
  it('provinces first; a province’s cities and a city’s districts only when read', () => {
    const { regions } = load();
    const tree = regions.regionTree();
    expect(tree.map((p) => p.value)).toEqual(provinces().map((p) => p.code));
    const guangdong = tree.find((p) => p.value === '440000')!;
    expect(guangdong.text).toBe('广东省');
    const shenzhen = guangdong.children!.find((c) => c.value === '440300')!;
    expect(shenzhen.children!.map((d) => d.value)).toEqual(districtsOf('440300').map((d) => d.code));
    const nanshan = shenzhen.children!.find((d) => d.value === '440305')!;
    expect(nanshan.children).toBeUndefined();
    expect(regions.regionTree()).toBe(tree);
  });

  it('every path the cascader can end on is a chain the shared schema accepts', () => {
    const { regions } = load();
    let checked = 0;
    for (const p of regions.regionTree()) {
      for (const c of p.children ?? []) {
        const leaves = c.children ?? [undefined];
        for (const d of leaves) {
          const codes = regions.codesOfPath(d ? [p.value, c.value, d.value] : [p.value, c.value]);
          expect(codes).not.toBeNull();
          expect(AddressInputSchema.safeParse({ ...input, ...codes }).success).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(3000);
    expect(citiesOf('110000').length).toBeGreaterThan(0);
  });

  it('maps saved codes to the cascader’s value and back; a broken chain is rejected', () => {
    const { regions } = load();
    expect(regions.pathOfCodes({ provinceCode: '440000', cityCode: '440300', districtCode: '440305' })).toEqual(['440000', '440300', '440305']);
    expect(regions.pathOfCodes({ provinceCode: '440000', cityCode: '440300', districtCode: '440300' })).toEqual(['440000', '440300']);
    expect(regions.pathOfCodes({})).toEqual([]);
    expect(regions.codesOfPath(['440000', '440300', '440305'])).toEqual({ provinceCode: '440000', cityCode: '440300', districtCode: '440305' });
    expect(regions.codesOfPath(['440000', '110100', '110105'])).toBeNull();
    expect(regions.codesOfPath(['440000'])).toBeNull();
  });
});
