import ComingSoon from '../../../components/ComingSoon'

export default function PointsGift() {
  return <ComingSoon title='礼品详情' description='即将上线。' />
}
