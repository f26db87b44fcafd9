import jsQR from 'jsqr';
import sharp from 'sharp';
import { call, login } from '../../support/api';
import { equipmentCsv, equipmentSerial } from '../../support/equipment-csv';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Printable labels: each unit's label code as a QR code that a phone camera
 * reads back to the code, which the hospital's own staff resolve to the unit
 * when they report a fault.
 */
let server: TestServer;
let adminToken: string;
let staffToken: string;
const units: { id: string; serial: string; labelCode: string; hospital: { name: string } }[] = [];
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
  adminToken = (await login(server, '13800000001')).token;
  // 李静, general staff of 北京东华医院.
  staffToken = (await login(server, '13800000004')).token;
  const bj = await call(server, 'POST', '/admin/imports/equipment', { token: adminToken, body: { csv: equipmentCsv({ count: 3, serialPrefix: 'LBL' }), dryRun: false } });
  expect(bj.body.created).toBe(3);
  const sh = equipmentCsv({ count: 1, serialPrefix: 'LBLSH', hospital: '上海浦江医院', regionCode: '310101', department: '内镜中心' });
  expect((await call(server, 'POST', '/admin/imports/equipment', { token: adminToken, body: { csv: sh, dryRun: false } })).body.created).toBe(1);
  const listed = await call(server, 'GET', '/admin/equipment/units?q=LBL&limit=10', { token: adminToken });
  units.push(...listed.body.items);
  expect(units.map((u) => u.serial)).toEqual([...[1, 2, 3].map((i) => equipmentSerial('LBL', i)), equipmentSerial('LBLSH', 1)]);
});
afterAll(() => server.close());

const sheet = (unitIds: string[], token = adminToken) => call(server, 'POST', '/admin/equipment/labels', { token, body: { unitIds } });

/** Renders the SVG as a printer would (on white, with the sheet's margin) and reads it as a camera would. */
async function scan(svg: string): Promise<string | undefined> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 300 })
    .resize(360, 360, { kernel: 'nearest' })
    .flatten({ background: '#ffffff' })
    .extend({ top: 40, bottom: 40, left: 40, right: 40, background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data;
}

describe('label sheets', () => {
  it('returns one label per unit asked, in that order, each with the unit’s details and its QR code', async () => {
    const [a, , c, d] = units as [typeof units[0], typeof units[0], typeof units[0], typeof units[0]];
    const res = await sheet([c.id, a.id, d.id, a.id]);
    expect(res.status).toBe(200);
    expect(res.body.labels.map((l: { unitId: string }) => l.unitId)).toEqual([c.id, a.id, d.id, a.id]);
    expect(res.body.labels[0]).toMatchObject({
      unitId: c.id,
      labelCode: `SDEQ-${equipmentSerial('LBL', 3)}`,
      serial: equipmentSerial('LBL', 3),
      model: 'QV-G290 电子胃镜',
      hospital: '北京东华医院',
      department: '消化内镜中心',
    });
    expect(res.body.labels[2]).toMatchObject({ hospital: '上海浦江医院', department: '内镜中心' });
    expect(res.body.labels[0].qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('the QR code reads back to the label code, which the hospital’s staff resolve to the unit, and no one else’s staff', async () => {
    const [a, , , d] = units as [typeof units[0], typeof units[0], typeof units[0], typeof units[0]];
    const res = await sheet([a.id, d.id]);
    const [own, other] = res.body.labels as { labelCode: string; qrSvg: string }[];

    const code = await scan(own!.qrSvg);
    expect(code).toBe(a.labelCode);
    const resolved = await call(server, 'GET', `/equipment/by-code/${encodeURIComponent(code!)}`, { token: staffToken });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ id: a.id, serial: a.serial, model: 'QV-G290 电子胃镜', hospital: { name: '北京东华医院' }, department: { name: '消化内镜中心' } });

    // 上海浦江医院's unit reads fine, but to 北京东华医院's staff it is an unknown label.
    const otherCode = await scan(other!.qrSvg);
    expect(otherCode).toBe(d.labelCode);
    expect((await call(server, 'GET', `/equipment/by-code/${encodeURIComponent(otherCode!)}`, { token: staffToken })).status).toBe(404);
  });

  it('refuses the sheet when a unit is unknown (404), empty or too long (422), and for anyone but admins (403)', async () => {
    const unknown = await sheet([units[0]!.id, '01900000-0000-7000-8000-000000000000']);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    const empty = await sheet([]);
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual([{ path: 'unitIds', message: '请至少选择一台设备' }]);
    const tooMany = await sheet(Array.from({ length: 201 }, () => units[0]!.id));
    expect(tooMany.body.errors).toContainEqual({ path: 'unitIds', message: '一次最多打印 200 张' });
    expect((await sheet([units[0]!.id], staffToken)).status).toBe(403);
  });

  it('prints by serial too (the rows of an import), reporting serials no unit has instead of refusing the sheet', async () => {
    const res = await call(server, 'POST', '/admin/equipment/labels', {
      token: adminToken,
      body: { serials: [equipmentSerial('LBL', 2), 'NO-SUCH-SERIAL', equipmentSerial('LBLSH', 1)] },
    });
    expect(res.status).toBe(200);
    expect(res.body.labels.map((l: { serial: string }) => l.serial)).toEqual([equipmentSerial('LBL', 2), equipmentSerial('LBLSH', 1)]);
    expect(res.body.missing).toEqual(['NO-SUCH-SERIAL']);
    expect(await scan(res.body.labels[0].qrSvg)).toBe(`SDEQ-${equipmentSerial('LBL', 2)}`);
    const both = await call(server, 'POST', '/admin/equipment/labels', { token: adminToken, body: { unitIds: Array.from({ length: 150 }, () => units[0]!.id), serials: Array.from({ length: 51 }, () => 'X1') } });
    expect(both.status).toBe(422);
  });
});
