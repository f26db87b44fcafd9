import type { EntityManager } from '@mikro-orm/core';
import { PRIVACY_REQUEST_DUE_DAYS, type PrivacyRequestCreate, type PrivacyRequestView } from '../../../../shared/schemas/privacy-requests.schema';
import type { AppDeps } from '../../app-deps';
import { NotFoundError, VerificationFailedError } from '../../core/errors';
import { once } from '../../core/idempotency/idempotency';
import { IdempotencyRecordSchema } from '../../core/idempotency/idempotency-record.entity';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import { consumeSmsCode } from '../auth/sms-login.service';
import { PrivacyRequestEventSchema } from './privacy-request-event.entity';
import { sealDetails } from './privacy-request.codec';
import { PrivacyRequestSchema } from './privacy-request.entity';
import { requestView } from './privacy-request.view';
import { selectEvents, selectRequests } from './privacy-requests.read';

const ROUTE = 'POST /privacy/requests';
const DAY_MS = 86_400_000;
/** Enough for anyone's history; a person files a handful of these in a lifetime. */
const OWN_LIST_LIMIT = 100;

const CODE_FAILED = '验证码不正确或已失效，请重新获取验证码';

type Scope = Parameters<typeof once>[1];

/** A create with this key was already made (or is being made): `once` answers it, and the work below never runs. */
async function alreadyRecorded(em: EntityManager, scope: Scope): Promise<boolean> {
  if (!scope.key) return false;
  return (await em.fork().count(IdempotencyRecordSchema, { userId: scope.userId, route: scope.route, key: scope.key.slice(0, 100) })) > 0;
}

const TWIN_WAIT_MS = 100;
const TWIN_TRIES = 5;

/**
 * After a failed code with a key: does a simultaneous twin hold the key? Its
 * record becomes visible only when its transaction commits, so look a few
 * times over half a second (a wrong code with a key is answered that much later).
 */
async function twinRecorded(em: EntityManager, scope: Scope): Promise<boolean> {
  if (!scope.key) return false;
  for (let i = 0; i < TWIN_TRIES; i++) {
    if (await alreadyRecorded(em, scope)) return true;
    await new Promise((r) => setTimeout(r, TWIN_WAIT_MS));
  }
  return false;
}

function replay(em: EntityManager, scope: Scope): Promise<{ id: string }> {
  // Only reached when a record with this key exists: `once` returns its answer (or 409 for another body).
  // Should the record vanish in between, nothing is created without a fresh code.
  return once(em, scope, async () => {
    throw new VerificationFailedError(CODE_FAILED);
  });
}

/**
 * Proves that the person holds their own number: a fresh SMS code of purpose
 * `login` sent to it, checked and used up as a login would (wrong, expired
 * and used codes are one answer; wrong guesses count against the code).
 */
async function reverify(deps: AppDeps, em: EntityManager, actor: Actor, code: string, ip: string): Promise<void> {
  const phone = deps.pii.get(actor.user, 'phone');
  if (!phone) throw new VerificationFailedError('请先绑定手机号，再用短信验证码核验身份');
  try {
    await consumeSmsCode(deps, em, { phone, code, purpose: 'login' }, ip);
  } catch (err) {
    if (err instanceof VerificationFailedError) throw new VerificationFailedError(CODE_FAILED, { cause: err });
    throw err;
  }
}

/**
 * Files a request about one's personal information (PIPL Art. 44–50). The
 * identity is re-verified first; a wrong code stores nothing. Due 15 days
 * after receipt. With an Idempotency-Key a retry (its code already used)
 * gets the first request back rather than a verification failure.
 */
export async function createPrivacyRequest(
  deps: AppDeps,
  em: EntityManager,
  actor: Actor,
  input: PrivacyRequestCreate,
  idempotencyKey: string | undefined,
  ip: string,
): Promise<PrivacyRequestView> {
  const scope: Scope = { userId: actor.userId, route: ROUTE, key: idempotencyKey, body: input };
  let created: { id: string };
  if (await alreadyRecorded(em, scope)) {
    created = await replay(em, scope);
  } else {
    try {
      await reverify(deps, em, actor, input.code, ip);
    } catch (err) {
      // A double tap: the twin used the code a moment ago and is writing the request under the same key.
      if (err instanceof VerificationFailedError && (await twinRecorded(em, scope))) return ownRequest(deps, em, actor, (await replay(em, scope)).id);
      throw err;
    }
    created = await once(em, scope, async (tx) => {
      const now = deps.clock.now();
      const id = newId();
      tx.create(PrivacyRequestSchema, {
        id,
        createdAt: now,
        userId: actor.userId,
        type: input.type,
        status: 'received',
        detailsSealed: sealDetails(deps.cipher, id, input.details),
        verifiedAt: now,
        dueAt: new Date(now.getTime() + PRIVACY_REQUEST_DUE_DAYS * DAY_MS),
        handledById: null,
        outcomeSealed: null,
        refusalReason: null,
        closedAt: null,
        updatedAt: null,
      });
      tx.create(PrivacyRequestEventSchema, { id: newId(), createdAt: now, requestId: id, actorId: actor.userId, kind: 'received', noteSealed: null });
      await tx.flush();
      return { id };
    });
  }
  return ownRequest(deps, em, actor, created.id);
}

/** The person's own requests with their history, newest first. */
export async function listOwnRequests(deps: AppDeps, em: EntityManager, actor: Actor): Promise<{ items: PrivacyRequestView[] }> {
  const rows = await selectRequests(em, { userId: actor.userId }, { order: 'newest', limit: OWN_LIST_LIMIT });
  const events = await selectEvents(
    em,
    rows.map((r) => r.id),
  );
  const now = deps.clock.now();
  return { items: rows.map((r) => requestView(deps.cipher, r, events.get(r.id) ?? [], now)) };
}

/** One of the person's own requests; anyone else's is a 404. */
export async function ownRequest(deps: AppDeps, em: EntityManager, actor: Actor, id: string): Promise<PrivacyRequestView> {
  const [row] = await selectRequests(em, { id, userId: actor.userId }, { order: 'newest', limit: 1 });
  if (!row) throw new NotFoundError('没有这条申请');
  const events = await selectEvents(em, [row.id]);
  return requestView(deps.cipher, row, events.get(row.id) ?? [], deps.clock.now());
}
