import ComingSoon from '../../../components/ComingSoon'

export default function PointsOrder() {
  return <ComingSoon title='订单详情' description='即将上线。' />
}
