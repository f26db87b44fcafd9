import ComingSoon from '../../../components/ComingSoon'

export default function PrivacyRequests() {
  return <ComingSoon title='个人信息申请' description='即将上线。' />
}
