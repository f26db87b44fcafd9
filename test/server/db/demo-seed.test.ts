import { rows } from '../../support/db';
import { startTestServer, testDatabase } from '../../support/test-server';


describe('demo data', () => {
  it('fills an empty database once, and a restart keeps what is there', async () => {
    const database = await testDatabase({ file: true });
    try {
      const first = await startTestServer({ database, env: { DEMO_SEED: 'true' } });
      const orm = first.running.orm;
      const hospitals = await rows<{ id: string; province: string; region_code: string; latitude: number }>(orm, 
        'select id, province, region_code, latitude from hospital order by id',
      );
      expect(hospitals).toHaveLength(12);
      expect(new Set(hospitals.map((h) => h.province)).size).toBeGreaterThanOrEqual(5);
      for (const h of hospitals) {
        expect(h.region_code).toMatch(/^\d{6}$/);
        expect(Number(h.latitude)).toBeGreaterThan(18);
      }
      const perHospital = await rows<{ n: number }>(orm, 'select count(*) as n from department group by hospital_id');
      for (const { n } of perHospital) expect(Number(n)).toBeGreaterThanOrEqual(3);
      for (const { n } of perHospital) expect(Number(n)).toBeLessThanOrEqual(6);
      const units = await rows<{ serial: string; label_code: string }>(orm, 'select serial, label_code from equipment_unit');
      expect(units.length).toBeGreaterThanOrEqual(12);
      expect(new Set(units.map((u) => u.label_code)).size).toBe(units.length);
      const [dealers] = await rows<{ n: number }>(orm, 'select count(*) as n from dealer');
      expect(Number(dealers!.n)).toBe(1);
      // One demo gift is sold out on purpose (the catalog shows 已兑完); the rest can be redeemed.
      const gifts = await rows<{ id: string; stock: number }>(orm, 'select id, stock from gift where active = ? order by id', [true]);
      expect(gifts.filter((g) => Number(g.stock) > 0).length).toBeGreaterThan(1);
      const [docs] = await rows<{ n: number }>(orm, 'select count(*) as n from library_document');
      expect(Number(docs!.n)).toBeGreaterThan(0);
      // Something a user did before the restart:
      await rows(orm, 'update gift set stock = stock - 1 where stock > 0');
      await first.close();

      const second = await startTestServer({ database, env: { DEMO_SEED: 'true' } });
      try {
      const again = second.running.orm;
      const ids = (await rows<{ id: string }>(again, 'select id from hospital order by id')).map((h) => h.id);
      expect(ids).toEqual(hospitals.map((h) => h.id));
      const stocks = await rows<{ stock: number }>(again, 'select stock from gift where active = ? order by id', [true]);
      expect(stocks.map((s) => Number(s.stock))).toEqual(gifts.map((g) => Math.max(Number(g.stock) - 1, 0)));
      expect(second.logs.some((l) => l.msg === 'demo data seeded')).toBe(false);
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('stays out of a database when demo seeding is off', async () => {
    const server = await startTestServer();
    try {
      const [row] = await rows<{ n: number }>(server.running.orm, 'select count(*) as n from hospital');
      expect(Number(row!.n)).toBe(0);
    } finally {
      await server.close();
    }
  });
});
