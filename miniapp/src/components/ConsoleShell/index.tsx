import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Me } from '@shared/schemas/me.schema'
import { useWideLayout } from '../../utils/layout'
import { ROUTES } from '../../routes'
import { areasFor, type ConsoleArea } from './console-areas'
import './index.scss'

interface Props {
  me: Me
  /** The area this page belongs to, highlighted in the sidebar (none for the admin home). */
  area?: ConsoleArea
  children: ReactNode
}

/**
 * The web console frame: at desk widths a sidebar with every area this person
 * may open beside the page; on a phone (and in the mini-program) the page
 * alone — the admin home lists the areas there.
 */
export default function ConsoleShell({ me, area, children }: Props) {
  const wide = useWideLayout()
  if (!wide) return <>{children}</>
  const areas = areasFor(me)
  const groups = [...new Set(areas.map((a) => a.group))]
  return (
    <View className='console-shell'>
      <View className='console-shell__nav' data-testid='console-nav'>
        <View className='console-shell__brand'>ScopeDesk 管理后台</View>
        {groups.map((group) => (
          <View key={group} className='console-shell__group'>
            <Text className='console-shell__group-title'>{group}</Text>
            {areas
              .filter((a) => a.group === group)
              .map((a) => (
                <View
                  key={a.key}
                  data-testid={`console-nav-${a.key}`}
                  className={`console-shell__item${a.key === area ? ' console-shell__item--current' : ''}`}
                  // Replace rather than push: a console session would otherwise pile pages up in the H5 stack.
                  onClick={() => (a.key === area ? undefined : void Taro.redirectTo({ url: a.url }))}
                >
                  {a.title}
                </View>
              ))}
          </View>
        ))}
        <View className='console-shell__foot'>
          <Text className='console-shell__who'>{me.profile.name ?? ''}</Text>
          <View className='console-shell__item' onClick={() => void Taro.switchTab({ url: ROUTES.me })}>
            返回我的
          </View>
        </View>
      </View>
      <View className='console-shell__main'>{children}</View>
    </View>
  )
}
