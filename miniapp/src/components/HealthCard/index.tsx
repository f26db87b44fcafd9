import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup, Skeleton, Tag } from '@nutui/nutui-react-taro'
import type { HealthState } from '../../hooks/useHealth'
import { messageOf } from '../../services/errors.zh'
import { regionLabel } from '../../labels/region.zh'
import './index.scss'

interface Props {
  state: HealthState
  onRetry: () => void
}

// A plain function, not a component: CellGroup only hides the last divider of direct <Cell> children.
// data-testid sits on our own View because NutUI's Tag drops unknown props.
function statusCell(ok: boolean) {
  return (
    <Cell
      align='center'
      title='服务状态'
      extra={
        <View data-testid='health-status'>
          <Tag type={ok ? 'success' : 'danger'}>{ok ? '正常' : '异常'}</Tag>
        </View>
      }
    />
  )
}

export default function HealthCard({ state, onRetry }: Props) {
  if (state.kind === 'loading') {
    return (
      <View className='health-card health-card--loading' data-testid='health-loading'>
        <Skeleton rows={3} animated />
      </View>
    )
  }

  if (state.kind === 'error') {
    return (
      <View className='health-card'>
        <CellGroup title='系统信息'>
          {statusCell(false)}
        </CellGroup>
        <View className='health-card__error'>
          <Text className='health-card__message' data-testid='health-error'>
            {messageOf(state.error)}
          </Text>
          <Button className='health-card__retry' type='primary' size='small' onClick={onRetry}>
            重试
          </Button>
        </View>
      </View>
    )
  }

  const { health } = state
  return (
    <View className='health-card'>
      <CellGroup title='系统信息'>
        {statusCell(true)}
        <Cell align='center' title='数据所在地区' extra={<Text data-testid='health-region'>{regionLabel(health.region)}</Text>} />
        <Cell align='center' title='版本' extra={<Text data-testid='health-version'>{health.version}</Text>} />
      </CellGroup>
    </View>
  )
}
