import type { EntityManager } from '@mikro-orm/core';
import type { ActorUser } from '../auth/session-actor.read';

type Named = { id: string; name: string };

export interface MePlaces {
  hospital: Named | null;
  department: Named | null;
  /** Active grants of an advanced staff member, by name (as access requests show them). */
  managed: Named[];
}

/**
 * The names `GET /me` shows: the user's hospital, department and managed
 * departments in one statement (UNION ALL of the parts that apply), none
 * when there are none (engineers, admins, dealers, the unregistered).
 */
export async function placesOf(em: EntityManager, user: Pick<ActorUser, 'id' | 'hospitalId' | 'departmentId' | 'tier'>): Promise<MePlaces> {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (user.hospitalId) {
    parts.push(`select 'h' as part, h.id, h.name from hospital h where h.id = ?`);
    params.push(user.hospitalId);
  }
  if (user.departmentId) {
    parts.push(`select 'd' as part, d.id, d.name from department d where d.id = ?`);
    params.push(user.departmentId);
  }
  if (user.tier === 'advanced') {
    parts.push(`select 'm' as part, d.id, d.name from managed_department m join department d on d.id = m.department_id where m.user_id = ? and m.revoked_at is null`);
    params.push(user.id);
  }
  const places: MePlaces = { hospital: null, department: null, managed: [] };
  if (!parts.length) return places;
  const rows = (await em.getConnection().execute(`${parts.join(' union all ')} order by 1, 3`, params)) as { part: string; id: string; name: string }[];
  for (const r of rows) {
    const named = { id: String(r.id), name: r.name };
    if (r.part === 'h') places.hospital = named;
    else if (r.part === 'd') places.department = named;
    else places.managed.push(named);
  }
  return places;
}
