import type { RefusalReason } from '@shared/schemas/privacy-requests.schema'

/**
 * The legal grounds for a refusal (REFUSAL_REASONS), each with the rule it
 * rests on: PIPL Art. 18 and 47, and GB/T 35273-2020 8.7 (响应个人信息主体的请求:
 * identity check first, the cases that need no answer, groundless repeats).
 * One table for the admin who chooses a ground and the person who reads it.
 */
export const REFUSAL_REASONS_ZH: Record<RefusalReason, { title: string; law: string }> = {
  identity_unverified: { title: '无法核验申请人身份', law: 'GB/T 35273-2020《个人信息安全规范》第 8.7 条（核验身份后方予响应）' },
  legal_retention: { title: '法律、行政法规规定的保存期限未届满', law: '《个人信息保护法》第四十七条第二款' },
  confidentiality_required: { title: '法律、行政法规规定应当保密或者不需要告知', law: '《个人信息保护法》第十八条第一款' },
  public_interest: {
    title: '与国家安全、国防安全、公共安全、公共卫生或重大公共利益直接相关',
    law: 'GB/T 35273-2020《个人信息安全规范》第 8.7 条（可不响应的情形）',
  },
  criminal_proceedings: {
    title: '与刑事侦查、起诉、审判和判决执行等直接相关',
    law: 'GB/T 35273-2020《个人信息安全规范》第 8.7 条（可不响应的情形）',
  },
  technically_infeasible: {
    title: '删除在技术上难以实现（已停止除存储和必要安全保护措施之外的处理）',
    law: '《个人信息保护法》第四十七条第二款',
  },
  unfounded_or_repeated: { title: '请求明显不合理，或无新理由重复提出', law: 'GB/T 35273-2020《个人信息安全规范》第 8.7 条' },
}
