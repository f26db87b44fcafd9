import type { EntityManager } from '@mikro-orm/core';
import { maskPhone } from '../../../../shared/phone';
import {
  EXPORT_FORMAT,
  EXPORT_SCHEMA_VERSION,
  EXPORT_SECTIONS,
  ExportSchema,
  MY_DATA_LIST_CAP,
  type MyData,
  type PersonalDataExport,
} from '../../../../shared/schemas/export.schema';
import type { AppDeps } from '../../app-deps';
import type { LimitSpec } from '../../http/rate-limit';
import type { Actor } from '../../http/state';
import { recordPiiAccess } from '../privacy/pii-access.service';
import { collectPersonalData, type Section } from './my-data.collect';
import { linkExpiry, signedMediaUrl } from './media-links';

/** An export opens every sealed field the person has and signs links: a few a day is plenty, a loop is not. */
export const EXPORT_LIMIT: LimitSpec = { name: 'export-self', points: 10, durationSeconds: 3600 };

const items = <T>(s: Section<T>): T[] => s.items;

/** `GET /me/data`: the page in the privacy centre. Lists are the newest MY_DATA_LIST_CAP with their totals; no links (the app reads files itself). */
export async function myDataPage(deps: AppDeps, em: EntityManager, actor: Actor): Promise<MyData> {
  const now = deps.clock.now();
  const c = await collectPersonalData(deps, em, await actor.loadUser(), { cap: MY_DATA_LIST_CAP, now, currentSessionId: actor.sessionId, link: () => null });
  const { phone, wechatOpenId, ...profile } = c.profile;
  return {
    generatedAt: now.toISOString(),
    listCap: MY_DATA_LIST_CAP,
    ...c,
    profile: { ...profile, phoneMasked: phone ? maskPhone(phone) : null, wechatBound: Boolean(wechatOpenId) },
  };
}

/** `20261122`: the Shanghai calendar date, as the person reads it. */
function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * `GET /me/export`: the complete copy, as a JSON document that validates
 * against ExportSchema (checked here, before it leaves). Media are linked
 * with links signed for EXPORT_LINK_TTL_HOURS, only for the person's own
 * files. The export is a reveal of everything at once, so it writes an
 * `export.self` row to the access log in the same unit of work.
 */
export async function exportMyData(
  deps: AppDeps,
  em: EntityManager,
  actor: Actor,
  input: { requestId: string; baseUrl: string },
): Promise<{ filename: string; chineseFilename: string; json: string }> {
  await deps.rateLimits.consume(EXPORT_LIMIT, actor.userId);
  const now = deps.clock.now();
  const exp = linkExpiry(now);
  const user = await actor.loadUser();
  const c = await collectPersonalData(deps, em, user, {
    cap: null,
    now,
    currentSessionId: actor.sessionId,
    link: (file) => (file.ownerId === user.id ? signedMediaUrl(deps, input.baseUrl, file.id, exp) : null),
  });
  const document: PersonalDataExport = ExportSchema.parse({
    schemaVersion: EXPORT_SCHEMA_VERSION,
    format: EXPORT_FORMAT,
    generatedAt: now.toISOString(),
    linksExpireAt: new Date(exp * 1000).toISOString(),
    profile: c.profile,
    consents: { current: c.consents.current, history: items(c.consents.history) },
    tickets: items(c.tickets),
    ticketComments: items(c.ticketComments),
    chats: items(c.chats),
    browsing: items(c.browsing),
    points: { balance: c.points.balance, ledger: items(c.points.ledger) },
    addresses: items(c.addresses),
    orders: items(c.orders),
    provisions: items(c.provisions),
    accessRequests: items(c.accessRequests),
    privacyRequests: items(c.privacyRequests),
    loginHistory: items(c.loginHistory),
    notifications: items(c.notifications),
  });
  recordPiiAccess(em, {
    actorId: user.id,
    subjectUserId: user.id,
    action: 'export.self',
    fields: [...EXPORT_SECTIONS],
    purpose: '本人查阅、复制个人信息（导出）',
    requestId: input.requestId,
  });
  await em.flush();
  const day = shanghaiDate(now);
  return {
    filename: `scopedesk-my-data-${day}.json`,
    chineseFilename: `scopedesk-我的数据-${day}.json`,
    json: JSON.stringify(document, null, 2),
  };
}
