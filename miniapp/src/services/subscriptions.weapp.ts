import Taro from '@tarojs/taro'
import { answersByKey, MAX_TEMPLATES_PER_PROMPT, saveSubscriptionAnswers } from './notifications'
import type * as Contract from './subscriptions'

export const CAN_SUBSCRIBE: typeof Contract.CAN_SUBSCRIBE = true

export const subscribeToTemplates: typeof Contract.subscribeToTemplates = async (templates) => {
  const asked = templates.slice(0, MAX_TEMPLATES_PER_PROMPT)
  if (asked.length === 0) return {}
  // First thing in the tap handler: no await may come before it, or WeChat refuses ("requires user TAP gesture").
  // `entityIds` is Alipay's; Taro's option type demands it, WeChat does not take it.
  const option = { tmplIds: asked.map((t) => t.templateId) } as Taro.requestSubscribeMessage.Option
  const answer = await Taro.requestSubscribeMessage(option)
  const results = answersByKey(asked, answer)
  // Rejections are recorded too: the server then stops counting on that template.
  if (Object.keys(results).length > 0) await saveSubscriptionAnswers(results)
  return results
}
