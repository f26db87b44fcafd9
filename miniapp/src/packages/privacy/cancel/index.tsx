import ComingSoon from '../../../components/ComingSoon'

export default function PrivacyCancel() {
  return <ComingSoon title='注销账号' description='即将上线。' />
}
