import ComingSoon from '../../../components/ComingSoon'

export default function PointsGifts() {
  return <ComingSoon title='礼品目录' description='即将上线。' />
}
