import ComingSoon from '../../components/ComingSoon'

export default function PointsHome() {
  return <ComingSoon title='积分与礼品' description='在这里查看积分余额和明细，并用积分兑换礼品。' />
}
