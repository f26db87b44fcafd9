import { View } from '@tarojs/components'
import ConsoleShell from '../../../components/ConsoleShell'
import SessionGate from '../../../components/SessionGate'

/** 医院与设备 — placeholder until issue 9's page lands. */
export default function Page() {
  return (
    <SessionGate className='admin-directory' permission='admin.directory'>
      {(me) => (
        <ConsoleShell me={me} area='directory'>
          <View className='admin-directory'>医院与设备</View>
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
