import type { Fixture } from '../dataset/meta';
import type { BenchUser } from '../dataset/people';

export const API = '/api/v1';

/** One request of a hot path, as both servers receive it. */
export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: Record<string, unknown>;
  user: BenchUser;
  /** Index into the fixture's crowd when the path rotates users (the raw baseline substitutes that user's values). */
  crowdIndex?: number;
  idempotent?: boolean;
}

export interface HotPath {
  key: string;
  label: string;
  status: number;
  postgresOnly?: boolean;
  /** Request number i of a run. */
  request(i: number): BenchRequest;
}

/** Where the deep pages start: an id about 5,000 rows into each user's list (computed from the data). */
export interface Cursors {
  general: { id: string; depth: number };
  advanced: { id: string; depth: number };
}

export const AUTH_PROBE = `${API}/admin/audit`;

/** Ends the description of every ticket the bench reports, so the harness can remove them afterwards. */
export const BENCH_MARK = '（压测）';

/**
 * The hot paths (issue 10): lists first and deep for a general user (the
 * busiest department's usual reporter) and an advanced user managing ten
 * departments; a ticket of the general user's (rotating over ~2,000); /me;
 * reporting a fault and redeeming a gift as a rotating crowd of 1,000 staff,
 * each request with its own Idempotency-Key; the notification list.
 */
export function hotPaths(f: Fixture, cursors: Cursors): HotPath[] {
  const g = f.general;
  const a = f.advanced;
  const crowd = (i: number) => ({ user: f.crowd[i % f.crowd.length]!, crowdIndex: i % f.crowd.length });
  const ids = f.generalTicketIds;
  return [
    { key: 'tickets-general-first', label: 'GET /tickets general, first page', status: 200, request: () => ({ method: 'GET', path: `${API}/tickets`, user: g }) },
    { key: 'tickets-general-deep', label: `GET /tickets general, deep (~${cursors.general.depth} rows in)`, status: 200, request: () => ({ method: 'GET', path: `${API}/tickets?cursor=${cursors.general.id}`, user: g }) },
    { key: 'tickets-advanced-first', label: 'GET /tickets advanced (10 depts), first page', status: 200, request: () => ({ method: 'GET', path: `${API}/tickets`, user: a }) },
    { key: 'tickets-advanced-deep', label: `GET /tickets advanced (10 depts), deep (~${cursors.advanced.depth} rows in)`, status: 200, request: () => ({ method: 'GET', path: `${API}/tickets?cursor=${cursors.advanced.id}`, user: a }) },
    { key: 'ticket-detail', label: 'GET /tickets/:id', status: 200, request: (i) => ({ method: 'GET', path: `${API}/tickets/${ids[i % ids.length]}`, user: g }) },
    { key: 'me', label: 'GET /me', status: 200, request: () => ({ method: 'GET', path: `${API}/me`, user: g }) },
    {
      key: 'tickets-create',
      label: 'POST /tickets',
      status: 201,
      request: (i) => {
        const c = crowd(i);
        return {
          method: 'POST',
          path: `${API}/tickets`,
          ...c,
          idempotent: true,
          body: { departmentId: c.user.departmentId, model: 'SD-G290 电子胃镜', serial: 'SN20261122', description: `图像发红，偶尔出现雪花点${BENCH_MARK}`, contactName: '测试联系人', contactPhone: '13900000000', contactConsent: true },
        };
      },
    },
    { key: 'notifications', label: 'GET /notifications', status: 200, request: () => ({ method: 'GET', path: `${API}/notifications`, user: g }) },
    {
      key: 'redemptions',
      label: 'POST /redemptions',
      status: 201,
      postgresOnly: true,
      request: (i) => {
        const c = crowd(i);
        return { method: 'POST', path: `${API}/redemptions`, ...c, idempotent: true, body: { giftId: f.benchGiftIds[i % f.benchGiftIds.length], quantity: 1, addressId: c.user.addressId } };
      },
    },
  ];
}
