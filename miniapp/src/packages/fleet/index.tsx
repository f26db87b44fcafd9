import { View } from '@tarojs/components'
import SessionGate from '../../components/SessionGate'

/** 设备概况 — placeholder until issue 9's page lands. */
export default function Fleet() {
  return <SessionGate className='fleet'>{() => <View className='fleet'>设备概况</View>}</SessionGate>
}
