import ComingSoon from '../../../components/ComingSoon'

export default function PrivacyRequestNew() {
  return <ComingSoon title='提交申请' description='即将上线。' />
}
