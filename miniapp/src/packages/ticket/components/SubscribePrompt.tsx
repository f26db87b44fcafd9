import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { getSubscriptions, templatesToAsk, type SubscriptionTemplate } from '../../../services/notifications'
import { CAN_SUBSCRIBE, subscribeToTemplates } from '../../../services/subscriptions'
import { ROUTES } from '../../../routes'

type State =
  | { kind: 'loading' }
  /** Templates loaded: the button asks WeChat straight from the tap. */
  | { kind: 'ready'; templates: SubscriptionTemplate[] }
  | { kind: 'asking'; templates: SubscriptionTemplate[] }
  | { kind: 'done'; accepted: string[] }
  | { kind: 'failed'; templates: SubscriptionTemplate[] }
  /** None configured, or the list could not be loaded: only the in-app inbox. */
  | { kind: 'unavailable' }

const openInbox = () => void Taro.navigateTo({ url: ROUTES.notifications })

function InboxHint({ text }: { text: string }) {
  return (
    <View className='subscribe' data-testid='subscribe-inbox'>
      <Text className='subscribe__text'>{text}</Text>
      <Button block fill='outline' type='primary' onClick={openInbox} data-testid='subscribe-open-inbox'>
        查看消息通知
      </Button>
    </View>
  )
}

/**
 * After reporting: 订阅进度通知. On weapp it asks WeChat for the progress templates
 * (from the tap; the ids are loaded first) and records the answers; a browser has
 * no subscription messages, so it points to 消息通知 instead.
 */
export default function SubscribePrompt() {
  const [state, setState] = useState<State>(CAN_SUBSCRIBE ? { kind: 'loading' } : { kind: 'unavailable' })

  useEffect(() => {
    if (!CAN_SUBSCRIBE) return
    getSubscriptions()
      .then((view) => {
        const templates = templatesToAsk(view)
        setState(templates.length > 0 ? { kind: 'ready', templates } : { kind: 'unavailable' })
      })
      .catch(() => setState({ kind: 'unavailable' }))
  }, [])

  if (!CAN_SUBSCRIBE) return <InboxHint text='浏览器中无法接收微信通知。工单进度会显示在「消息通知」中，您也可随时在「工单」中查看。' />
  if (state.kind === 'unavailable') return <InboxHint text='工单进度会显示在「消息通知」中，您也可随时在「工单」中查看。' />
  if (state.kind === 'done') {
    return (
      <View className='subscribe' data-testid='subscribe-done'>
        <Text className='subscribe__text'>
          {state.accepted.length > 0
            ? `已订阅：${state.accepted.join('、')}。工单有进展时微信会通知您。`
            : '未订阅微信通知。工单进度仍会显示在「消息通知」中。'}
        </Text>
      </View>
    )
  }

  const templates = state.kind === 'loading' ? [] : state.templates
  const ask = () => {
    if (state.kind !== 'ready' && state.kind !== 'failed') return
    setState({ kind: 'asking', templates })
    // No await before this call: WeChat only shows the prompt from a tap.
    subscribeToTemplates(templates)
      .then((answers) => setState({ kind: 'done', accepted: templates.filter((t) => answers[t.key] === 'accept').map((t) => t.title) }))
      .catch(() => setState({ kind: 'failed', templates }))
  }
  return (
    <View className='subscribe' data-testid='subscribe-prompt'>
      <Text className='subscribe__text'>订阅后，工程师受理、维修完成等进展会通过微信通知您。</Text>
      <Button
        block
        type='primary'
        loading={state.kind === 'loading' || state.kind === 'asking'}
        disabled={state.kind === 'loading' || state.kind === 'asking'}
        onClick={ask}
        data-testid='subscribe-button'
      >
        订阅进度通知
      </Button>
      {state.kind === 'failed' ? (
        <Text className='subscribe__error' data-testid='subscribe-error'>
          订阅未成功，请重试；如仍不行，请在微信「设置 → 通知」中允许本小程序发送通知。
        </Text>
      ) : null}
    </View>
  )
}
