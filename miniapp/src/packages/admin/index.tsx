import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import ComingSoon from '../../components/ComingSoon'
import { ROUTES } from '../../routes'

export default function AdminHome() {
  return (
    <View>
      <CellGroup>
        <Cell title='注册审核' description='审核医院员工的注册申请' onClick={() => void Taro.navigateTo({ url: ROUTES.adminRegistrations })} />
      </CellGroup>
      <ComingSoon title='管理后台' description='在这里审核注册与权限申请，管理医院、科室、设备、礼品订单和隐私申请。' />
    </View>
  )
}
