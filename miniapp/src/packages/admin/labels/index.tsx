import { View } from '@tarojs/components'
import ConsoleShell from '../../../components/ConsoleShell'
import SessionGate from '../../../components/SessionGate'

/** 设备标签 — placeholder until issue 9's page lands. */
export default function Page() {
  return (
    <SessionGate className='admin-labels' permission='admin.directory'>
      {(me) => (
        <ConsoleShell me={me} area='labels'>
          <View className='admin-labels'>设备标签</View>
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
