import { Text, View } from '@tarojs/components'
import { Button, Skeleton } from '@nutui/nutui-react-taro'
import { isApiError } from '../../services/api-error'
import { messageOf } from '../../services/errors.zh'
import './index.scss'

interface LoadingProps {
  rows?: number
}

export function PageLoading({ rows = 4 }: LoadingProps) {
  return (
    <View className='page-state page-state--loading' data-testid='page-loading'>
      <Skeleton rows={rows} animated />
    </View>
  )
}

interface ErrorProps {
  error: unknown
  onRetry?: () => void
  /** A second way out, e.g. 去登录 when the session ended. */
  action?: { text: string; onClick: () => void }
}

/** A failure in Chinese, with the request id to quote to support, and a retry. */
export function PageError({ error, onRetry, action }: ErrorProps) {
  const requestId = isApiError(error) ? error.requestId : undefined
  return (
    <View className='page-state' data-testid='page-error'>
      <Text className='page-state__message'>{messageOf(error)}</Text>
      {requestId ? <Text className='page-state__request'>请求编号 {requestId}</Text> : null}
      <View className='page-state__actions'>
        {action ? (
          <Button size='small' onClick={action.onClick}>
            {action.text}
          </Button>
        ) : null}
        {onRetry ? (
          <Button size='small' type='primary' onClick={onRetry}>
            重试
          </Button>
        ) : null}
      </View>
    </View>
  )
}

interface EmptyProps {
  title: string
  description?: string
}

export function PageEmpty({ title, description }: EmptyProps) {
  return (
    <View className='page-state page-state--empty' data-testid='page-empty'>
      <View className='page-state__icon' />
      <Text className='page-state__title'>{title}</Text>
      {description ? <Text className='page-state__message'>{description}</Text> : null}
    </View>
  )
}

interface PromptProps {
  title: string
  message?: string
  action?: { text: string; onClick: () => void }
  testId?: string
}

/** Why the page cannot show its content to this user yet, and the one step that helps. */
export function PagePrompt({ title, message, action, testId = 'page-prompt' }: PromptProps) {
  return (
    <View className='page-state' data-testid={testId}>
      <Text className='page-state__title'>{title}</Text>
      {message ? <Text className='page-state__message'>{message}</Text> : null}
      {action ? (
        <View className='page-state__actions'>
          <Button size='small' type='primary' onClick={action.onClick}>
            {action.text}
          </Button>
        </View>
      ) : null}
    </View>
  )
}

interface NeedLoginProps {
  onLogin: () => void
  message?: string
}

/** A page that needs a session, opened without one (deep link, ended session). */
export function PageNeedLogin({ onLogin, message = '登录后才能查看此页面' }: NeedLoginProps) {
  return <PagePrompt title='请先登录' message={message} action={{ text: '去登录', onClick: onLogin }} testId='page-need-login' />
}
