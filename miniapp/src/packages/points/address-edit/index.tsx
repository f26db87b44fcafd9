import ComingSoon from '../../../components/ComingSoon'

export default function PointsAddressEdit() {
  return <ComingSoon title='编辑地址' description='即将上线。' />
}
