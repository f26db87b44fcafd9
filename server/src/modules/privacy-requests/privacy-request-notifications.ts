import type { EntityManager } from '@mikro-orm/core';
import type { PrivacyRequestType } from '../../../../shared/schemas/privacy-requests.schema';
import { notifyUser } from '../notifications/notify';

export const TYPE_LABEL: Record<PrivacyRequestType, string> = {
  access: '查阅复制',
  correction: '更正',
  deletion: '删除',
  transfer: '转移',
  explanation: '解释说明',
  complaint: '投诉',
};

export type AdminStep = 'taken' | 'note' | 'completed' | 'refused';

const TITLE: Record<AdminStep, string> = {
  taken: '个人信息申请已受理',
  note: '个人信息申请有新的说明',
  completed: '个人信息申请已办结',
  refused: '个人信息申请未予办理',
};

const PHRASE: Record<AdminStep, string> = { taken: '已受理', note: '新说明', completed: '已办结', refused: '未办理' };

/** `2026-12-07` in Beijing time, as the person reads a date. */
function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Tells the requester that the privacy team acted on their request, after the
 * commit (outbox), in the app only (`privacy_update` has no WeChat template).
 * The notice never carries the request's text, a note or an outcome — the
 * in-app list is not sealed and may show on a lock screen — only the kind of
 * step; the person reads the rest in the privacy centre. One notice per event.
 */
export async function notifyPrivacyUpdate(
  tx: EntityManager,
  now: Date,
  request: { id: string; userId: string; type: PrivacyRequestType; dueAt: Date },
  step: AdminStep,
  eventId: string,
): Promise<void> {
  const label = `「${TYPE_LABEL[request.type]}」申请`;
  const body =
    step === 'taken'
      ? `您的${label}正在处理，我们会在 ${shanghaiDate(request.dueAt)} 前答复`
      : step === 'note'
        ? `处理人员对您的${label}补充了说明，请在隐私中心查看`
        : step === 'completed'
          ? `您的${label}已处理完毕，请在隐私中心查看处理结果`
          : `您的${label}未能办理，请在隐私中心查看原因和依据`;
  await notifyUser(tx, now, {
    userId: request.userId,
    kind: 'privacy_update',
    ticketId: null,
    title: TITLE[step],
    body,
    dedupeKey: `privacy-request-event:${eventId}`,
    page: `packages/privacy/requests/index?id=${request.id}`,
    phrase: PHRASE[step],
  });
}
