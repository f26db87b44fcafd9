import ComingSoon from '../../../components/ComingSoon'

export default function AdminGifts() {
  return <ComingSoon title='礼品管理' description='即将上线。' />
}
