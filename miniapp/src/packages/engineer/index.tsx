import ComingSoon from '../../components/ComingSoon'

export default function EngineerHome() {
  return <ComingSoon title='工程师工作台' description='在这里查看待处理工单、接单、记录维修过程并联系报修人。' />
}
