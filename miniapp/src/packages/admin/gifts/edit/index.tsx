import ComingSoon from '../../../../components/ComingSoon'

export default function AdminGiftsEdit() {
  return <ComingSoon title='编辑礼品' description='即将上线。' />
}
