import ComingSoon from '../../../../components/ComingSoon'

export default function AdminPrivacyRequests() {
  return <ComingSoon title='隐私申请处理' description='即将上线。' />
}
