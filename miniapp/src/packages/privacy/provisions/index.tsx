import ComingSoon from '../../../components/ComingSoon'

export default function PrivacyProvisions() {
  return <ComingSoon title='第三方提供记录' description='即将上线。' />
}
