import { View } from '@tarojs/components'
import ConsoleShell from '../../../components/ConsoleShell'
import SessionGate from '../../../components/SessionGate'

/** 审计日志 — placeholder until issue 9's page lands. */
export default function Page() {
  return (
    <SessionGate className='admin-audit' permission='admin.audit'>
      {(me) => (
        <ConsoleShell me={me} area='audit'>
          <View className='admin-audit'>审计日志</View>
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
