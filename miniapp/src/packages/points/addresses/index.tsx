import ComingSoon from '../../../components/ComingSoon'

export default function PointsAddresses() {
  return <ComingSoon title='收货地址' description='即将上线。' />
}
