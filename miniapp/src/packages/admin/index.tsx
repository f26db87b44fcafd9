import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Cell, CellGroup, Tag } from '@nutui/nutui-react-taro'
import type { Me } from '@shared/schemas/me.schema'
import ComingSoon from '../../components/ComingSoon'
import SessionGate from '../../components/SessionGate'
import { useOverduePrivacyCount } from '../../services/admin-privacy'
import { ROUTES } from '../../routes'

function go(url: string) {
  void Taro.navigateTo({ url })
}

/** 隐私合规, with the number of privacy requests past their 15 days in red. */
function PrivacyCell() {
  const overdue = useOverduePrivacyCount(true)
  return (
    <Cell
      title='隐私合规'
      description='处理隐私申请（15 日内答复），查看个人信息访问日志、接收方登记，运行清理任务'
      extra={
        overdue ? (
          <View data-testid='admin-home-privacy-overdue' data-count={overdue}>
            <Tag type='danger'>逾期 {overdue}</Tag>
          </View>
        ) : undefined
      }
      onClick={() => go(ROUTES.adminPrivacy)}
      className='admin-home-privacy'
    />
  )
}

function AdminMenu({ me }: { me: Me }) {
  return (
    <View className='admin-home'>
      <CellGroup>
        {me.permissions.includes('admin.registrations') ? (
          <Cell title='注册审核' description='审核医院员工的注册申请' onClick={() => go(ROUTES.adminRegistrations)} className='admin-home-registrations' />
        ) : null}
        {me.permissions.includes('admin.access') ? (
          <Cell title='高级权限审核' description='审核员工的高级权限申请，可缩小授权科室' onClick={() => go(ROUTES.adminAccess)} className='admin-home-access' />
        ) : null}
        {me.permissions.includes('admin.access') ? (
          <Cell title='高级权限用户' description='查看已授权的科室，撤销高级权限' onClick={() => go(ROUTES.adminAdvancedUsers)} className='admin-home-advanced-users' />
        ) : null}
        {me.permissions.includes('admin.gifts') ? (
          <Cell title='礼品订单' description='待发货订单发货、确认签收、取消（退回积分）；电脑端可导出待发货清单' onClick={() => go(ROUTES.adminOrders)} className='admin-home-orders' />
        ) : null}
        {me.permissions.includes('admin.gifts') ? (
          <Cell title='礼品管理' description='新增和编辑礼品，上架/下架，调整库存' onClick={() => go(ROUTES.adminGifts)} className='admin-home-gifts' />
        ) : null}
        {me.permissions.includes('library.write') ? (
          <Cell title='资料库管理' description='编写、发布、下架资料，查看阅读统计（请在电脑端操作）' onClick={() => go(ROUTES.libraryAdmin)} className='admin-home-library' />
        ) : null}
        {me.permissions.includes('admin.privacy') ? <PrivacyCell /> : null}
      </CellGroup>
      <ComingSoon title='管理后台' description='在这里管理医院、科室和设备。' />
    </View>
  )
}

export default function AdminHome() {
  return (
    <SessionGate className='admin-home' rows={4}>
      {(me) => <AdminMenu me={me} />}
    </SessionGate>
  )
}
