import ComingSoon from '../../../components/ComingSoon'

export default function PrivacyConsents() {
  return <ComingSoon title='授权管理' description='即将上线。' />
}
