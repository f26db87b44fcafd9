import { View } from '@tarojs/components'
import ConsoleShell from '../../components/ConsoleShell'
import SessionGate from '../../components/SessionGate'

/** 数据看板 — placeholder until issue 9's page lands. */
export default function Page() {
  return (
    <SessionGate className='dashboard' permission='admin.dashboard'>
      {(me) => (
        <ConsoleShell me={me} area='dashboard'>
          <View className='dashboard'>数据看板</View>
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
