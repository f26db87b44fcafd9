import { ServiceUnavailableError } from '../core/errors';

/**
 * Whether an error means the database could not be reached or dropped the
 * session, as opposed to refusing the statement: the first is an outage the
 * client should retry (503), the second a bug (500). The transaction, if
 * any, did not commit either way — PostgreSQL rolls back a session it ends,
 * and SQLite's busy writer never began.
 */
const UNAVAILABLE_CODES = new Set([
  // PostgreSQL class 08, connection exceptions — but not 08P01 (protocol violation), which a bad value can cause
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  // PostgreSQL: admin_shutdown (pg_terminate_backend, fast shutdown), crash_shutdown, cannot_connect_now (starting up), too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
  // Node sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // SQLite: another writer held the database past busy_timeout
  'SQLITE_BUSY',
]);

// Errors pg and knex raise without a code.
const UNAVAILABLE_MESSAGES = [/Connection terminated/i, /Timeout acquiring a connection/i, /Client has encountered a connection error/i, /connection is closed/i];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== 'object') return false;
    const { code, message, name } = e as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (name === 'KnexTimeoutError') return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return true;
  }
  return false;
}

/** Seconds a client is asked to wait when the database is away: long enough for a restart or failover. */
const DATABASE_RETRY_AFTER = 5;

/** The error an outage becomes: 503 with Retry-After, whichever route met it. */
export function databaseUnavailableError(cause: unknown): ServiceUnavailableError {
  const err = new ServiceUnavailableError('The database is unavailable; try again shortly.', { cause });
  err.retryAfterSeconds = DATABASE_RETRY_AFTER;
  return err;
}
