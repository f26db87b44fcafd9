import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import HealthCard from '../../components/HealthCard'
import { useHealth } from '../../hooks/useHealth'
import './index.scss'

export default function Index() {
  const { state, reload } = useHealth()

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className='home'>
      <View className='home__header'>
        <Text className='home__title'>ScopeDesk 内镜售后服务</Text>
        <Text className='home__subtitle'>报修、进度查询与资料，一站办理</Text>
      </View>
      <HealthCard state={state} onRetry={() => void reload()} />
    </View>
  )
}
