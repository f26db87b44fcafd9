import { useEffect, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { Button, Checkbox, Popup } from '@nutui/nutui-react-taro'
import { ChatCloseSchema, type ChatClose } from '@shared/schemas/chat.schema'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { fieldErrorsOfZod, type FieldErrors } from '../../../utils/form'

interface Props {
  open: boolean
  /** Engineers and admins may save the exchange as a 常见问题 (never the asker). */
  canSaveAnswer: boolean
  /** Drafts from the conversation: the asker's first question, the answers given. */
  suggestedQuestion: string
  suggestedAnswer: string
  onClose: () => void
  /** Ends the conversation; rejects with the server's error. */
  onConfirm: (body: ChatClose) => Promise<void>
}

const FALLBACK: FieldErrors = { question: '请填写问题（4–200 字）', answer: '请填写解答（4–2000 字）' }
const QuickAnswerSchema = ChatCloseSchema.shape.quickAnswer.unwrap()

/** 结束会话, confirmed here; an answerer may save the exchange, rewritten without personal details, as a 常见问题. */
export default function CloseDialog({ open, canSaveAnswer, suggestedQuestion, suggestedAnswer, onClose, onConfirm }: Props) {
  const [save, setSave] = useState(false)
  const [question, setQuestion] = useState('')
  const [answer, setAnswer] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  // Each opening starts from the conversation as it is now; what was typed stays while the sheet is open.
  useEffect(() => {
    if (!open) return
    setQuestion(suggestedQuestion.slice(0, 200))
    setAnswer(suggestedAnswer.slice(0, 2000))
    setErrors({})
    setError(undefined)
  }, [open])

  const confirm = async () => {
    if (busy) return
    let body: ChatClose = {}
    if (save && canSaveAnswer) {
      const parsed = QuickAnswerSchema.safeParse({ question, answer })
      if (!parsed.success) {
        setErrors(fieldErrorsOfZod(parsed.error, FALLBACK))
        return
      }
      body = { quickAnswer: parsed.data }
    }
    setBusy(true)
    setError(undefined)
    try {
      await onConfirm(body)
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.length > 0) {
        // `quickAnswer.question` → question.
        const byField: FieldErrors = {}
        for (const e of err.fieldErrors) byField[e.path.split('.').pop() ?? ''] ??= e.message
        setErrors({ question: byField.question, answer: byField.answer })
        setError(byField.quickAnswer ?? '请检查标红的项')
      } else if (isApiError(err) && err.code === 'CONTENT_REJECTED') {
        setError('问答内容包含不当内容，请修改后再保存')
      } else {
        setError(messageOf(err))
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <Popup visible={open} position='bottom' round closeOnOverlayClick={!busy} onClose={() => !busy && onClose()}>
      {open ? (
        <View className='close-dialog' data-testid='chat-close-dialog'>
          <Text className='close-dialog__title'>结束会话</Text>
          <Text className='close-dialog__hint'>结束后双方都不能再发送消息，对话记录仍可查看。</Text>
          {canSaveAnswer ? (
            <View className='close-dialog__save' data-testid='chat-close-save-faq'>
              <Checkbox checked={save} onChange={(v) => setSave(v)} label='保存为常见问题，推荐给之后提问的用户' />
            </View>
          ) : null}
          {canSaveAnswer && save ? (
            <>
              <Text className='close-dialog__privacy' data-testid='chat-close-privacy'>
                请删除姓名、电话、医院、科室、患者信息等个人信息，只保留问题和通用的处理方法。
              </Text>
              <Text className='close-dialog__label'>问题</Text>
              <View className={`close-dialog__field${errors.question ? ' close-dialog__field--error' : ''}`} data-testid='chat-close-question'>
                <Textarea className='close-dialog__textarea close-dialog__textarea--short' maxlength={200} value={question} onInput={(e) => setQuestion(e.detail.value)} />
              </View>
              {errors.question ? <Text className='close-dialog__error'>{errors.question}</Text> : null}
              <Text className='close-dialog__label'>解答</Text>
              <View className={`close-dialog__field${errors.answer ? ' close-dialog__field--error' : ''}`} data-testid='chat-close-answer'>
                <Textarea className='close-dialog__textarea' maxlength={2000} value={answer} onInput={(e) => setAnswer(e.detail.value)} />
              </View>
              {errors.answer ? <Text className='close-dialog__error'>{errors.answer}</Text> : null}
            </>
          ) : null}
          {error ? (
            <Text className='close-dialog__error' data-testid='chat-close-error'>
              {error}
            </Text>
          ) : null}
          <View className='close-dialog__actions'>
            <View className='close-dialog__btn'>
              <Button block fill='outline' disabled={busy} onClick={onClose}>
                取消
              </Button>
            </View>
            <View className='close-dialog__btn'>
              <Button block type='danger' loading={busy} disabled={busy} onClick={() => void confirm()} data-testid='chat-close-confirm'>
                {save && canSaveAnswer ? '保存并结束' : '结束会话'}
              </Button>
            </View>
          </View>
        </View>
      ) : null}
    </Popup>
  )
}
