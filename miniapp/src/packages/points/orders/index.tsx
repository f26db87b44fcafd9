import ComingSoon from '../../../components/ComingSoon'

export default function PointsOrders() {
  return <ComingSoon title='兑换订单' description='即将上线。' />
}
