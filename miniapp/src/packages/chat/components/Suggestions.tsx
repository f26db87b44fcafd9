import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Loading } from '@nutui/nutui-react-taro'
import type { DocumentSummary } from '@shared/schemas/library.schema'
import type { QuickAnswerView } from '@shared/schemas/chat.schema'
import { DOCUMENT_CATEGORY_LABELS } from '../../../labels/library.zh'
import { documentUrl } from '../../../routes'
import type { SuggestionState } from '../useSuggestions'

interface Props {
  state: SuggestionState
  /** 已解决 under an answer: the question needs no conversation. */
  onSolved: (answer: QuickAnswerView) => void
  /** 仍需咨询 under an answer. */
  onStillAsk: () => void
}

function DocumentRow({ doc }: { doc: DocumentSummary }) {
  return (
    <View className='suggest-doc' onClick={() => void Taro.navigateTo({ url: documentUrl(doc.id) })} data-testid='chat-suggestion-document' data-id={doc.id}>
      <View className='suggest-doc__head'>
        <Text className='suggest-doc__category'>{DOCUMENT_CATEGORY_LABELS[doc.category]}</Text>
        <Text className='suggest-doc__title'>{doc.title}</Text>
      </View>
      {doc.summary ? <Text className='suggest-doc__summary'>{doc.summary}</Text> : null}
    </View>
  )
}

function AnswerRow({ answer, open, onToggle, onSolved, onStillAsk }: { answer: QuickAnswerView; open: boolean; onToggle: () => void } & Omit<Props, 'state'>) {
  return (
    <View className={`suggest-answer${open ? ' suggest-answer--open' : ''}`} data-testid='chat-suggestion-answer' data-id={answer.id} data-open={open ? 'true' : 'false'}>
      <View className='suggest-answer__q' onClick={onToggle}>
        <Text className='suggest-answer__mark'>问</Text>
        <Text className='suggest-answer__question'>{answer.question}</Text>
        <Text className='suggest-answer__toggle'>{open ? '收起' : '查看解答'}</Text>
      </View>
      {open ? (
        <View className='suggest-answer__body'>
          <Text className='suggest-answer__text' data-testid='chat-suggestion-answer-text'>
            {answer.answer}
          </Text>
          <View className='suggest-answer__actions'>
            <Button size='small' fill='outline' onClick={onStillAsk} data-testid='chat-answer-ask'>
              仍需咨询
            </Button>
            <Button size='small' type='primary' onClick={() => onSolved(answer)} data-testid='chat-answer-solved'>
              已解决
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}

/** What might already answer the question: library documents and past answers, under the question box. */
export default function Suggestions({ state, onSolved, onStillAsk }: Props) {
  const [openId, setOpenId] = useState<string | null>(null)
  if (state.kind === 'idle') return null
  if (state.kind === 'error') {
    return (
      <Text className='suggest__note' data-testid='chat-suggestions-error'>
        暂时无法获取相关资料，您可以直接发起咨询
      </Text>
    )
  }
  const data = state.kind === 'ready' ? state.data : state.last
  const loading = state.kind === 'loading'
  if (!data) {
    return (
      <View className='suggest__loading' data-testid='chat-suggestions-loading'>
        <Loading />
        <Text>正在查找相关资料…</Text>
      </View>
    )
  }
  if (data.documents.length === 0 && data.answers.length === 0) {
    return loading ? null : (
      <Text className='suggest__note' data-testid='chat-suggestions-empty'>
        暂未找到相关资料，可直接发起咨询，工程师会尽快回复
      </Text>
    )
  }
  return (
    <View className={`suggest${loading ? ' suggest--stale' : ''}`} data-testid='chat-suggestions'>
      {data.documents.length > 0 ? (
        <View className='suggest__group'>
          <Text className='suggest__label'>相关资料</Text>
          {data.documents.map((d) => (
            <DocumentRow key={d.id} doc={d} />
          ))}
        </View>
      ) : null}
      {data.answers.length > 0 ? (
        <View className='suggest__group'>
          <Text className='suggest__label'>常见问答</Text>
          {data.answers.map((a) => (
            <AnswerRow key={a.id} answer={a} open={openId === a.id} onToggle={() => setOpenId(openId === a.id ? null : a.id)} onSolved={onSolved} onStillAsk={onStillAsk} />
          ))}
        </View>
      ) : null}
    </View>
  )
}
