import ComingSoon from '../../components/ComingSoon'

export default function AdminHome() {
  return <ComingSoon title='管理后台' description='在这里审核注册与权限申请，管理医院、科室、设备、礼品订单和隐私申请。' />
}
