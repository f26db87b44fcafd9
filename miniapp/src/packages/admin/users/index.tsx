import { View } from '@tarojs/components'
import ConsoleShell from '../../../components/ConsoleShell'
import SessionGate from '../../../components/SessionGate'

/** 用户管理 — placeholder until issue 9's page lands. */
export default function Page() {
  return (
    <SessionGate className='admin-users' permission='admin.access'>
      {(me) => (
        <ConsoleShell me={me} area='users'>
          <View className='admin-users'>用户管理</View>
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
