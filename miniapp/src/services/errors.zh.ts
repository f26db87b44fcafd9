import type { ErrorCode } from '@shared/errors'
import { isApiError } from './api-error'

// Record<ErrorCode, …> makes a new code in shared/errors.ts a type error here until it has a text.
const MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '填写的内容有误，请检查标红的项',
  MALFORMED_JSON: '提交的数据格式有误，请重试',
  MALFORMED_REQUEST: '请求格式有误，请更新到最新版本后重试',
  HEADERS_TOO_LARGE: '请求信息过长，请重新登录后重试',
  PAYLOAD_TOO_LARGE: '上传的内容太大，请压缩后重试',
  UNSUPPORTED_MEDIA_TYPE: '不支持该文件类型',
  ROUTE_NOT_FOUND: '请求的功能不存在，请更新到最新版本',
  METHOD_NOT_ALLOWED: '暂不支持该操作',
  NOT_FOUND: '内容不存在或您无权查看',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '您没有权限进行此操作',
  CONFLICT: '数据已被更新，请刷新后重试',
  IDEMPOTENCY_CONFLICT: '该请求已提交过，请勿重复提交',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  VERIFICATION_FAILED: '验证码错误或已失效，请重新获取',
  CONSENT_REQUIRED: '请先阅读并同意隐私政策',
  RECONSENT_REQUIRED: '隐私政策已更新，请重新阅读并同意',
  SERVICE_UNAVAILABLE: '网络不可用或服务暂时无法访问，请稍后重试',
  CONTENT_REJECTED: '消息包含不当内容，未发送',
  INSUFFICIENT_POINTS: '积分余额不足',
  OUT_OF_STOCK: '礼品库存不足',
  GIFT_LIMIT_REACHED: '已达到该礼品的每人兑换上限',
  GIFT_VALUE_CAP_REACHED: '已达到本年度礼品价值上限',
  GIFT_UNAVAILABLE: '该礼品暂不可兑换',
  ACCOUNT_DISABLED: '该账号已被停用，如有疑问请联系管理员',
  INTERNAL: '系统出了点问题，请稍后重试',
}

export function messageForCode(code: ErrorCode): string {
  return MESSAGES[code]
}

/** The Chinese sentence to show a user for any thrown value. */
export function messageOf(err: unknown): string {
  return isApiError(err) ? MESSAGES[err.code] : MESSAGES.INTERNAL
}
