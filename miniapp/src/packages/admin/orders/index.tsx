import ComingSoon from '../../../components/ComingSoon'

export default function AdminOrders() {
  return <ComingSoon title='礼品订单发货' description='即将上线。' />
}
