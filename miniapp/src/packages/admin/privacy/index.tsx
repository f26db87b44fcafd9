import ComingSoon from '../../../components/ComingSoon'

export default function AdminPrivacy() {
  return <ComingSoon title='隐私合规' description='即将上线。' />
}
