import type { AppDeps } from '../../app-deps';
import { ContentRejectedError, ServiceUnavailableError } from '../../core/errors';
import { WechatError } from '../../integrations/wechat/wechat.client';
import type { SealedFields } from '../users/user.pii';

export type TextCheck = 'pass' | 'review' | 'skipped';

/** What happened to stored text, by id (never the text, never who): `review` for a person to look at, `skipped` for the record. */
export function logTextCheck(deps: AppDeps, check: TextCheck | undefined, where: { chatId: string; messageId: string }): void {
  if (check === 'review') deps.logger.warn({ event: 'sec_check_review', ...where }, 'chat text stored pending content review');
  if (check === 'skipped') deps.logger.info({ event: 'sec_check_skipped', reason: 'no_openid', ...where }, 'chat text stored without content check');
}

/**
 * WeChat's msg_sec_check on text before it is stored (scene 2, comment).
 * `risky` is refused with a clear message; `review` is stored (the caller
 * logs it with `logTextCheck`, by message id, for a person to look at);
 * WeChat unreachable or refusing the call is a 503 and nothing is stored,
 * so the client retries.
 *
 * The check needs the sender's openid: someone who signed in on H5 by SMS
 * has none, and their text is stored unchecked (logged as skipped) — see
 * docs/decisions/009. Log lines carry ids and verdicts, never the text or
 * the openid.
 */
export async function checkText(deps: AppDeps, sender: SealedFields, content: string, where: { chatId?: string }): Promise<TextCheck> {
  const openid = deps.pii.get(sender, 'openid');
  if (!openid) return 'skipped';
  let verdict;
  try {
    verdict = await deps.wechat.msgSecCheck({ openid, scene: 2, content });
  } catch (err) {
    if (!(err instanceof WechatError)) throw err;
    // The error names the API path and WeChat's code only (wechat-api.error.ts): safe to log.
    throw new ServiceUnavailableError('内容安全检查暂时不可用，消息未发送，请稍后重试。', { cause: err });
  }
  if (verdict === 'risky') {
    deps.logger.info({ event: 'sec_check_rejected', ...where }, 'chat text rejected by content security');
    throw new ContentRejectedError('消息包含不当内容，未发送。');
  }
  return verdict;
}
