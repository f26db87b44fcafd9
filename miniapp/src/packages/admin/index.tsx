import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Cell, CellGroup, Tag } from '@nutui/nutui-react-taro'
import type { Me } from '@shared/schemas/me.schema'
import ConsoleShell from '../../components/ConsoleShell'
import { areasFor, type ConsoleArea } from '../../components/ConsoleShell/console-areas'
import { PageEmpty } from '../../components/PageState'
import SessionGate from '../../components/SessionGate'
import { useOverduePrivacyCount } from '../../services/admin-privacy'
import { useWideLayout } from '../../utils/layout'
import './home.scss'

/** What each area is for, under its title. */
const DESCRIPTIONS: Record<ConsoleArea, string> = {
  dashboard: '工单、设备和服务情况的统计图表',
  registrations: '审核医院员工的注册申请',
  access: '审核员工的高级权限申请，可缩小授权科室',
  'advanced-users': '查看已授权的科室，撤销高级权限',
  users: '查找用户，修改角色，停用或启用账号，强制下线；新建工程师和管理员',
  directory: '维护医院、科室和设备',
  import: '用 CSV 批量导入医院、科室和设备',
  labels: '生成并打印设备二维码标签',
  orders: '待发货订单发货、确认签收、取消（退回积分）；电脑端可导出待发货清单',
  gifts: '新增和编辑礼品，上架/下架，调整库存',
  library: '编写、发布、下架资料，查看阅读统计（请在电脑端操作）',
  privacy: '处理隐私申请（15 日内答复），查看个人信息访问日志、接收方登记，运行清理任务',
  audit: '查看管理员的每一次操作记录（只能追加，不能修改）',
  workbench: '待接工单、我的工单，指派工程师',
  'chat-queue': '认领和回复用户的在线咨询',
}

function go(url: string) {
  void Taro.navigateTo({ url })
}

/** The red 逾期 N beside 隐私合规: privacy requests past their 15 days. */
function Overdue({ count }: { count: number | null }) {
  if (!count) return null
  return (
    <View data-testid='admin-home-privacy-overdue' data-count={count}>
      <Tag type='danger'>逾期 {count}</Tag>
    </View>
  )
}

function AdminMenu({ me }: { me: Me }) {
  const wide = useWideLayout()
  const areas = areasFor(me)
  const overdue = useOverduePrivacyCount(areas.some((a) => a.key === 'privacy'))

  if (areas.length === 0) {
    return (
      <View className='admin-home'>
        <PageEmpty title='没有可用的管理功能' description='管理后台仅对管理员和工程师开放；如需开通，请联系管理员' />
      </View>
    )
  }

  const groups = [...new Set(areas.map((a) => a.group))]

  // On a phone (and in the mini-program): the areas as a list, by group.
  if (!wide) {
    return (
      <View className='admin-home' data-testid='admin-home'>
        {groups.map((group) => (
          <CellGroup key={group} title={group}>
            {areas
              .filter((a) => a.group === group)
              .map((a) => (
                <Cell
                  key={a.key}
                  title={a.title}
                  description={DESCRIPTIONS[a.key]}
                  extra={a.key === 'privacy' ? <Overdue count={overdue} /> : undefined}
                  onClick={() => go(a.url)}
                  className={`admin-home-${a.key}`}
                />
              ))}
          </CellGroup>
        ))}
      </View>
    )
  }

  // At a desk: the console frame, a short welcome and the areas as cards (the sidebar lists them too).
  return (
    <ConsoleShell me={me}>
      <View className='admin-home admin-home--wide' data-testid='admin-home'>
        <View className='admin-home__welcome'>
          <Text className='admin-home__title'>{me.profile.name ? `${me.profile.name}，您好` : '您好'}</Text>
          <Text className='admin-home__intro'>欢迎使用 ScopeDesk 管理后台。从左侧或下方进入各项管理功能；每一次管理操作都会记入审计日志。</Text>
        </View>
        {groups.map((group) => (
          <View key={group} className='admin-home__group'>
            <Text className='admin-home__group-title'>{group}</Text>
            <View className='admin-home__cards'>
              {areas
                .filter((a) => a.group === group)
                .map((a) => (
                  <View key={a.key} className={`admin-home__card admin-home-${a.key}`} onClick={() => void Taro.redirectTo({ url: a.url })}>
                    <View className='admin-home__card-head'>
                      <Text className='admin-home__card-title'>{a.title}</Text>
                      {a.key === 'privacy' ? <Overdue count={overdue} /> : null}
                    </View>
                    <Text className='admin-home__card-text'>{DESCRIPTIONS[a.key]}</Text>
                  </View>
                ))}
            </View>
          </View>
        ))}
      </View>
    </ConsoleShell>
  )
}

/** 管理后台: every area this person may open (console-areas.ts), with the overdue privacy requests flagged. */
export default function AdminHome() {
  return (
    <SessionGate className='admin-home' rows={4}>
      {(me) => <AdminMenu me={me} />}
    </SessionGate>
  )
}
