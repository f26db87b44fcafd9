import { Text, View } from '@tarojs/components'
import { useEntryGate } from '../../hooks/useEntryGate'
import './index.scss'

// Lists the user's tickets once login exists; until then it says so instead of showing sample data.
export default function Tickets() {
  useEntryGate()
  return (
    <View className='tickets'>
      <Text className='tickets__title'>我的报修工单</Text>
      <Text className='tickets__hint'>登录后可查看您的报修工单</Text>
    </View>
  )
}
