import { randomUUID } from 'node:crypto';
import { FleetQuerySchema, FleetSchema, type Fleet, type FleetUnit } from '../../../shared/schemas/fleet.schema';
import { ForbiddenError } from '../../../server/src/core/errors';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Service = typeof import('../../../miniapp/src/services/fleet');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');

const SRC = '../../../miniapp/src';
const gastro = { id: randomUUID(), name: '消化内科' };
const respiratory = { id: randomUUID(), name: '呼吸内科' };
/** A stand-in for "this person is not advanced staff". */
const notMine = randomUUID();

const unit = (serial: string, change: Partial<FleetUnit>): FleetUnit => ({
  id: randomUUID(),
  serial,
  model: 'GIF-H290',
  category: '胃镜',
  department: gastro,
  repairCount: 0,
  daysOutOfService: 0,
  openTickets: 0,
  coveredUntil: '2027-06-30',
  coverage: 'covered',
  ...change,
});

const units = [
  unit('2910001', { repairCount: 3, daysOutOfService: 21, openTickets: 1, coveredUntil: '2026-12-31', coverage: 'expiring' }),
  unit('2910002', { model: 'BF-H290', category: '支气管镜', department: respiratory, repairCount: 1, daysOutOfService: 4, coveredUntil: '2025-03-01', coverage: 'expired' }),
  unit('2910003', { coveredUntil: null, coverage: 'unknown', department: null }),
];

function fleetOf(list: FleetUnit[]): Fleet {
  return {
    departments: [gastro, respiratory],
    units: list,
    totals: {
      units: list.length,
      openTickets: list.reduce((n, u) => n + u.openTickets, 0),
      repairs: list.reduce((n, u) => n + u.repairCount, 0),
      daysOutOfService: list.reduce((n, u) => n + u.daysOutOfService, 0),
      coverageEndingSoon: list.filter((u) => u.coverage === 'expiring').length,
    },
  };
}

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    {
      method: 'get',
      path: '/fleet',
      query: FleetQuerySchema,
      response: FleetSchema,
      reply: ({ query }) => {
        const q = query as { departmentId?: string; sort: string };
        if (q.departmentId === notMine) throw new ForbiddenError('Advanced staff only.');
        const list = q.departmentId ? units.filter((u) => u.department?.id === q.departmentId) : units;
        return fleetOf(q.sort === 'serial' ? [...list].sort((a, b) => a.serial.localeCompare(b.serial)) : list);
      },
    },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];

function load() {
  return loadApp<{ service: Service; errors: Errors }>(standIn.server.url, {
    service: `${SRC}/services/fleet`,
    errors: `${SRC}/services/errors.zh`,
  });
}

describe('设备概况 against the shared contract', () => {
  it('asks for every managed department sorted by days out of service, and reads units and totals', async () => {
    const { service } = load();
    const fleet = await service.getFleet();
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/fleet', query: { sort: 'outOfService' } });
    expect(lastCall()?.query).not.toHaveProperty('departmentId');
    expect(fleet.departments).toEqual([gastro, respiratory]);
    expect(fleet.units.map((u) => u.serial)).toEqual(['2910001', '2910002', '2910003']);
    expect(fleet.units[2]).toMatchObject({ department: null, coveredUntil: null, coverage: 'unknown' });
    expect(fleet.totals).toEqual({ units: 3, openTickets: 1, repairs: 4, daysOutOfService: 25, coverageEndingSoon: 1 });
  });

  it('narrows to one department and passes the chosen sort', async () => {
    const { service } = load();
    const one = await service.getFleet({ departmentId: respiratory.id, sort: 'repairs' });
    expect(lastCall()?.query).toEqual({ departmentId: respiratory.id, sort: 'repairs' });
    expect(one.units.map((u) => u.serial)).toEqual(['2910002']);

    for (const sort of service.FLEET_SORTS) {
      await service.getFleet({ sort });
      expect(lastCall()?.query).toEqual({ sort });
    }
    // 全部 sends no department.
    await service.getFleet({ departmentId: '', sort: 'serial' });
    expect(lastCall()?.query).toEqual({ sort: 'serial' });
  });

  it('recognises the 403 every other role gets, and only that', async () => {
    const { service, errors } = load();
    const refused = await service.getFleet({ departmentId: notMine }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(service.isFleetForbidden(refused)).toBe(true);

    const invalid = await service.getFleet({ departmentId: 'not-a-uuid' }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
    expect(service.isFleetForbidden(invalid)).toBe(false);
    expect(errors.messageOf(invalid)).toBeTruthy();
    expect(service.isFleetForbidden(new Error('offline'))).toBe(false);
  });
});

describe('设备概况 wording', () => {
  it('says each unit’s year and cover in Chinese', () => {
    const { service } = load();
    expect(service.unitFacts(units[0]!)).toEqual(['近一年维修 3 次', '停机 21 天', '在修 1 单']);
    expect(service.coveredUntilText(units[0]!)).toBe('保修至 2026-12-31');
    expect(service.coveredUntilText(units[2]!)).toBe('保修期未登记');
    expect(units.map((u) => service.COVERAGE_LABELS[u.coverage])).toEqual(['即将到期', '已过保', '未知']);
    expect(service.COVERAGE_LABELS.covered).toBe('在保');
    expect(units.map((u) => service.COVERAGE_TAG[u.coverage])).toEqual(['warning', 'danger', 'muted']);
  });

  it('lists the totals, flagging open tickets and cover ending soon', () => {
    const { service } = load();
    const totals = service.totalsFacts(fleetOf(units).totals);
    expect(totals.map((t) => [t.key, t.value, t.alert])).toEqual([
      ['units', 3, false],
      ['openTickets', 1, true],
      ['repairs', 4, false],
      ['daysOutOfService', 25, false],
      ['coverageEndingSoon', 1, true],
    ]);
  });

  it('offers the page to active advanced staff only', () => {
    const { service } = load();
    expect(service.canViewFleet({ status: 'active', roles: ['staff'], tier: 'advanced' })).toBe(true);
    expect(service.canViewFleet({ status: 'active', roles: ['staff'], tier: 'general' })).toBe(false);
    expect(service.canViewFleet({ status: 'pending', roles: ['staff'], tier: 'advanced' })).toBe(false);
    expect(service.canViewFleet({ status: 'active', roles: ['admin'], tier: null })).toBe(false);
    expect(service.isFleetSort('coveredUntil')).toBe(true);
    expect(service.isFleetSort('model')).toBe(false);
    expect(service.FLEET_SORTS.map((s) => service.FLEET_SORT_LABELS[s])).toEqual(['停机天数', '维修次数', '保修到期', '序列号']);
  });
});
