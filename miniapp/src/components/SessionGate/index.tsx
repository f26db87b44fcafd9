import { useEffect, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { Permission } from '@shared/permissions'
import type { Me } from '@shared/schemas/me.schema'
import { loadSession, useSession } from '../../stores/session'
import { ROUTES } from '../../routes'
import { PageEmpty, PageError, PageLoading, PageNeedLogin } from '../PageState'

interface Props {
  /** The page's own wrapper class, kept for every state. */
  className: string
  /** Without it the page says so instead of rendering (the server refuses anyway). */
  permission?: Permission
  denied?: { title: string; description?: string }
  rows?: number
  children: (me: Me) => ReactNode
}

/**
 * The session states every signed-in page handles the same way: loading,
 * signed out (去登录), /me failed (重试), missing permission. Renders
 * `children(me)` once the user may use the page.
 */
export default function SessionGate({ className, permission, denied, rows = 6, children }: Props) {
  const session = useSession()

  useEffect(() => {
    void loadSession()
  }, [])

  let body: ReactNode
  if (session.phase === 'loading') body = <PageLoading rows={rows} />
  else if (session.phase === 'anonymous') body = <PageNeedLogin onLogin={() => void Taro.navigateTo({ url: ROUTES.login })} />
  else if (session.phase === 'error') body = <PageError error={session.error} onRetry={() => void loadSession(true)} />
  else if (permission && !session.me.permissions.includes(permission)) {
    body = <PageEmpty title={denied?.title ?? '没有访问权限'} description={denied?.description} />
  } else return <>{children(session.me)}</>
  return <View className={className}>{body}</View>
}
