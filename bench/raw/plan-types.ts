/**
 * A replay plan: the data statements one hot path runs on our server, with
 * how each parameter is made for a new request. Written by the harness
 * (harness/plan.ts) from captured requests, read by the raw baseline.
 */
export type Binding =
  | { k: 'const'; v: unknown; date?: boolean }
  /** The n-th path segment or a query parameter of this request's URL. */
  | { k: 'url'; seg?: number; q?: string }
  /** A value from this request's JSON body (dot path). */
  | { k: 'body'; path: string }
  /** A field of the requesting user's profile (id, hospitalId, departmentId, addressId). */
  | { k: 'user'; field: string }
  | { k: 'idempotency-key' }
  /** The request's clock plus an offset (ms); `date` → Date (PostgreSQL), `ms` → epoch milliseconds (SQLite). */
  | { k: 'now'; offset: number; as: 'date' | 'ms' }
  /** A new UUIDv7 per request; the same slot gives the same value within a request. */
  | { k: 'fresh'; slot: string }
  /** A cell of an earlier statement's result in this request. */
  | { k: 'result'; stmt: number; row: number; col: string; number?: boolean }
  /** A string made of pieces (a UUID inside a key, a counter inside a ticket number). */
  | { k: 'template'; parts: (string | Binding | { pad: number; of: Binding })[] }
  /** A random tail after a fixed prefix (order numbers), the same within a request. */
  | { k: 'random'; prefix: string; length: number; alphabet: string; slot: string }
  /** A personal field sealed again for the new row: FieldCipher with AAD table|column|id. */
  | { k: 'seal'; table: string; column: string; id: Binding; plain: string };

export type PlanStep =
  | { control: 'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollback-to'; name?: string }
  | { sql: string; params: Binding[]; reader: boolean };

export interface Plan {
  key: string;
  status: number;
  steps: PlanStep[];
  /** Statements our server ran for the request, and how many of them the plan replays (the rest is authentication). */
  total: number;
  replayed: number;
  /** Parameters that could not be explained and are replayed as captured. */
  notes: string[];
}

export interface Profile {
  id: string;
  hospitalId: string | null;
  departmentId: string | null;
  addressId?: string;
}

export interface PlanFile {
  dialect: 'sqlite' | 'postgresql';
  location: string;
  piiKeys: string;
  indexKey: string;
  plans: Plan[];
  /** Default user per plan (non-rotating paths), and the crowd by index. */
  users: Record<string, Profile>;
  crowd: Profile[];
}
