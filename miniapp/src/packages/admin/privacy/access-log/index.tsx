import ComingSoon from '../../../../components/ComingSoon'

export default function AdminPrivacyAccessLog() {
  return <ComingSoon title='个人信息访问日志' description='即将上线。' />
}
