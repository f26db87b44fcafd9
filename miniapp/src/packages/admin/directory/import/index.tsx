import { View } from '@tarojs/components'
import ConsoleShell from '../../../../components/ConsoleShell'
import SessionGate from '../../../../components/SessionGate'

/** 批量导入 — placeholder until issue 9's page lands. */
export default function Page() {
  return (
    <SessionGate className='admin-import' permission='admin.directory'>
      {(me) => (
        <ConsoleShell me={me} area='import'>
          <View className='admin-import'>批量导入</View>
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
