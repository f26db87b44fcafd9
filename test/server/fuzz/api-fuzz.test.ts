import fc from 'fast-check';
import { createApp } from '../../../server/src/app';
import type { AppDeps } from '../../../server/src/app-deps';
import { parseEnv } from '../../../server/src/config/env';
import { systemClock } from '../../../server/src/core/clock';
import { createLogger } from '../../../server/src/core/logger';
import type { ScratchDatabase } from '../../../server/src/db/scratch-database';
import { CONSENT_PURPOSES } from '../../../shared/schemas/privacy.schema';
import { call, login } from '../../support/api';
import { credentialLeaks } from '../../support/log-scan';
import { startTestServer, testDatabase, testDialect, type TestServer } from '../../support/test-server';
import { fingerprinter, type Fingerprinter } from './db-fingerprint';
import { createOracle, type Oracle } from './fuzz-oracle';
import { operationsOf, requestArb, type Caller, type OpenApiDoc, type Operation } from './fuzz-request';
import { FuzzTally } from './fuzz-tally';
import { loadValueContext } from './value-pools';

/**
 * Property-based fuzzing of every route in the OpenAPI document, as every
 * demo role and anonymously: whatever comes in, the answer is never a 5xx
 * other than 503, every refusal is problem+json with a known code, and a
 * refused request stores nothing.
 *
 * FUZZ_RUNS scales the requests per route and actor. FUZZ_SEED reproduces a
 * run; a failure prints the seed of its own route and actor, but 2xx answers
 * may store and later routes see it, so replaying means the whole file.
 */
const RUNS = Number(process.env.FUZZ_RUNS || 3);
const SEED = Number(process.env.FUZZ_SEED || 20261124);
if (!Number.isInteger(RUNS) || RUNS < 1 || !Number.isInteger(SEED)) throw new Error('FUZZ_RUNS must be a positive integer and FUZZ_SEED an integer');

const ACTORS: { name: string; phone?: string }[] = [
  { name: 'anonymous' },
  { name: 'admin', phone: '13800000001' },
  { name: 'engineer', phone: '13800000002' },
  { name: 'dealer', phone: '13800000003' },
  { name: 'general-staff', phone: '13800000004' },
  { name: 'advanced-staff', phone: '13800000005' },
];

/** Sent only with authorization the server must not accept: its success would end the session every later test needs. */
const HOSTILE_AUTH_ONLY = new Set(['POST /api/v1/auth/logout']);
/** Success changes the actors' consent (a withdrawn purpose; a material policy asks everyone to consent again): each actor consents again after. */
const RESTORE_CONSENT_AFTER = new Set(['DELETE /api/v1/privacy/consents/{purpose}', 'POST /api/v1/admin/privacy/policies']);

// jest names its tests before anything runs, so the list comes from the declarations; the first test holds the served document to it.
const { routes } = createApp({ env: parseEnv({ NODE_ENV: 'test' }), logger: createLogger({ level: 'silent' }), clock: systemClock, version: '0.0.0' } as unknown as AppDeps);
const OPERATION_KEYS = [...routes.values()].map((r) => `${r.method.toUpperCase()} /api/v1${r.path.replace(/:(\w+)/g, '{$1}')}`);

let scratch: ScratchDatabase;
let server: TestServer;
let fingerprints: Fingerprinter;
let oracle: Oracle;
let operations: Map<string, Operation>;
const callers = new Map<string, Caller & { userId?: string }>();
let policyVersion: string;
const tally = new FuzzTally();
const started = Date.now();

beforeAll(async () => {
  // Made here rather than by the server, for its URL: the fingerprints use a PostgreSQL connection of their own.
  scratch = await testDatabase();
  server = await startTestServer({
    database: scratch,
    // The SMS caps would turn most code requests into 429 after the first few; raised so the fuzz reaches what is behind them.
    env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000000', SMS_PHONE_DAILY_LIMIT: '1000000' },
    // No outbox worker: nothing but the fuzzed request writes between two fingerprints.
    background: { outbox: false },
  });
  for (const actor of ACTORS) {
    if (!actor.phone) callers.set(actor.name, { name: actor.name });
    else {
      const signedIn = await login(server, actor.phone, { consent: [...CONSENT_PURPOSES] });
      callers.set(actor.name, { name: actor.name, token: signedIn.token, userId: signedIn.user.id });
    }
  }
  const doc = (await (await fetch(server.api('/openapi.json'))).json()) as OpenApiDoc;
  operations = new Map(operationsOf(doc).map((op) => [op.key, op]));
  policyVersion = (await call(server, 'GET', '/privacy/policy')).body.version;
  fingerprints = await fingerprinter(server.running.orm, scratch.database);
  oracle = createOracle(server, fingerprints, tally);
  console.log(`API fuzz: dialect=${testDialect()} FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} (${OPERATION_KEYS.length} routes × ${ACTORS.length} actors)`);
}, 120_000);

afterAll(async () => {
  console.log(tally.summary({ dialect: testDialect(), seed: SEED, runs: RUNS }, OPERATION_KEYS.length, Date.now() - started));
  await fingerprints?.close();
  try {
    // The harness scans this server's log for the credentials its requests carried when it closes, as for every test server.
    await server?.close();
  } finally {
    await scratch?.drop();
  }
});

function seedFor(actor: string, key: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${actor} ${key}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (h ^ SEED) | 0;
}

async function restoreConsent(): Promise<void> {
  policyVersion = (await call(server, 'GET', '/privacy/policy')).body.version;
  for (const caller of callers.values()) {
    if (!caller.token) continue;
    const res = await call(server, 'POST', '/privacy/consents', { token: caller.token, body: { policyVersion, purposes: [...CONSENT_PURPOSES], adult: true } });
    if (res.status !== 201) throw new Error(`${caller.name} could not consent again: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

it('the served OpenAPI document lists exactly the declared routes', () => {
  expect([...operations.keys()].sort()).toEqual([...OPERATION_KEYS].sort());
});

describe.each(ACTORS.map((a) => [a.name]))('as %s', (actor) => {
  it.each(OPERATION_KEYS.map((k) => [k]))('%s', async (key) => {
    const op = operations.get(key)!;
    oracle.forget();
    const values = await loadValueContext(server.running.orm, {
      actorUserIds: [...callers.values()].flatMap((c) => (c.userId ? [c.userId] : [])),
      phones: ACTORS.flatMap((a) => (a.phone ? [a.phone] : [])),
      policyVersion,
    });
    const requests = requestArb(op, callers.get(actor)!, values, { hostileAuthOnly: HOSTILE_AUTH_ONLY.has(key) });
    try {
      await fc.assert(
        fc.asyncProperty(requests, (req) => oracle.check(op, req)),
        { seed: seedFor(actor, key), numRuns: RUNS },
      );
    } finally {
      if (RESTORE_CONSENT_AFTER.has(key)) await restoreConsent();
    }
  }, 300_000);
});

it('no token or code reached the server log', () => {
  for (const caller of callers.values()) if (caller.token) oracle.credentials.add(caller.token);
  expect(credentialLeaks(server.logs, oracle.credentials)).toEqual([]);
});

it('every signed-in actor is still signed in and may still work after the fuzz', async () => {
  for (const caller of callers.values()) {
    if (!caller.token) continue;
    expect([caller.name, (await call(server, 'GET', '/me', { token: caller.token })).status]).toEqual([caller.name, 200]);
    expect([caller.name, (await call(server, 'GET', '/notifications', { token: caller.token })).status]).toEqual([caller.name, 200]);
  }
});
