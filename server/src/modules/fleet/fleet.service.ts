import type { EntityManager } from '@mikro-orm/core';
import type { Fleet, FleetQuerySchema, FleetUnit } from '../../../../shared/schemas/fleet.schema';
import type { z } from 'zod';
import type { AppDeps } from '../../app-deps';
import { ForbiddenError, NotFoundError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { activeManagedDepartments } from '../access/managed-departments';
import { selectFleetUnits, selectOpenIntervals } from './fleet.queries';
import { coverageOf, sortUnits } from './fleet.view';
import { daysOutOfService, shanghaiDay, windowStart } from './out-of-service';

type FleetQuery = z.infer<typeof FleetQuerySchema>;

const todayOf = (now: Date) => new Date(shanghaiDay(now) * 86_400_000).toISOString().slice(0, 10);

/**
 * `GET /fleet`: the units of the departments an advanced user manages, with
 * their repairs over the last 365 days. The grants are read on every
 * request (never cached), so a revocation answers 403 on the very next one.
 * A department outside the grants is 404 (access-matrix: no hint it exists).
 */
export async function fleet(deps: AppDeps, em: EntityManager, actor: Actor, query: FleetQuery): Promise<Fleet> {
  if (actor.user.role !== 'staff' || actor.user.tier !== 'advanced') throw new ForbiddenError('Only advanced staff have a fleet view.');
  const departments = await activeManagedDepartments(em, actor.userId);
  if (!departments.length) throw new ForbiddenError('Only advanced staff have a fleet view.');
  if (query.departmentId && !departments.some((d) => d.id === query.departmentId)) throw new NotFoundError('没有这个科室');

  const now = deps.clock.now();
  const since = windowStart(now);
  const today = todayOf(now);
  const scope = query.departmentId ? [query.departmentId] : departments.map((d) => d.id);
  const [rows, intervals] = await Promise.all([selectFleetUnits(em, scope, since), selectOpenIntervals(em, scope, since)]);

  const units: FleetUnit[] = rows.map((r) => ({
    id: r.id,
    serial: r.serial,
    model: r.model,
    category: r.category,
    department: r.departmentId ? { id: r.departmentId, name: r.departmentName ?? '' } : null,
    repairCount: r.repairCount,
    daysOutOfService: daysOutOfService(intervals.get(r.id) ?? [], now),
    openTickets: r.openTickets,
    coveredUntil: r.coveredUntil,
    coverage: coverageOf(r.coveredUntil, today),
  }));
  const total = (pick: (u: FleetUnit) => number) => units.reduce((n, u) => n + pick(u), 0);
  return {
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    units: sortUnits(units, query.sort),
    totals: {
      units: units.length,
      openTickets: total((u) => u.openTickets),
      repairs: total((u) => u.repairCount),
      daysOutOfService: total((u) => u.daysOutOfService),
      coverageEndingSoon: units.filter((u) => u.coverage === 'expiring').length,
    },
  };
}
