import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { TicketDetail } from '@shared/schemas/tickets.schema'
import { RatingSchema } from '@shared/schemas/ticket-workflow.schema'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { rateTicket } from '../../../services/tickets'
import Stars from './Stars'

interface Props {
  ticket: TicketDetail
  /** The reporter, on a resolved ticket not rated yet. */
  canRate: boolean
  onChanged: () => Promise<void>
}

/** The reporter's rating once given; before that, for the reporter of a resolved ticket, the form that closes it. */
export default function RatingSection({ ticket, canRate, onChanged }: Props) {
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string>()
  const [sending, setSending] = useState(false)

  if (ticket.rating) {
    return (
      <View className='ticket-detail__section' data-testid='ticket-rating'>
        <Text className='ticket-detail__section-title'>服务评价</Text>
        <Stars value={ticket.rating.score} testId='ticket-rating-stars' />
        {ticket.rating.comment ? <Text className='ticket-detail__text'>{ticket.rating.comment}</Text> : null}
      </View>
    )
  }
  if (!canRate) return null

  const submit = async () => {
    if (sending) return
    const parsed = RatingSchema.safeParse({ score, comment: comment.trim() || undefined })
    if (!parsed.success) return setError(score === 0 ? '请点击星星评分' : '评价内容最多 500 字')
    setSending(true)
    setError(undefined)
    try {
      await rateTicket(ticket.id, parsed.data)
      void Taro.showToast({ title: '感谢评价，工单已关闭', icon: 'none' })
      await onChanged()
    } catch (err) {
      if (isApiError(err) && err.code === 'CONFLICT') {
        void Taro.showToast({ title: '工单状态已变化，已刷新', icon: 'none' })
        await onChanged()
      } else {
        setError(messageOf(err))
      }
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='ticket-detail__section ticket-detail__section--highlight' data-testid='ticket-rating-form'>
      <Text className='ticket-detail__section-title'>维修已完成，请确认并评价</Text>
      <Text className='ticket-detail__muted'>提交评价即确认维修完成，工单随之关闭。如设备仍有问题，请在下方留言联系工程师。</Text>
      <Stars
        value={score}
        onChange={(s) => {
          setScore(s)
          setError(undefined)
        }}
        testId='ticket-rating-input'
      />
      <View className='ticket-actions__field' data-testid='ticket-rating-comment'>
        <Textarea
          className='ticket-actions__textarea ticket-actions__textarea--short'
          placeholder='说说这次维修（选填）'
          maxlength={500}
          value={comment}
          onInput={(e) => {
            setComment(e.detail.value)
            setError(undefined)
          }}
        />
      </View>
      {error ? (
        <Text className='ticket-actions__error' data-testid='ticket-rating-error'>
          {error}
        </Text>
      ) : null}
      <Button block type='primary' loading={sending} disabled={sending} onClick={() => void submit()} data-testid='ticket-rating-submit'>
        提交评价并关闭工单
      </Button>
    </View>
  )
}
