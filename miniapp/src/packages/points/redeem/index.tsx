import ComingSoon from '../../../components/ComingSoon'

export default function PointsRedeem() {
  return <ComingSoon title='确认兑换' description='即将上线。' />
}
