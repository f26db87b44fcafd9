import ComingSoon from '../../components/ComingSoon'

export default function TicketHome() {
  return <ComingSoon title='报修服务' description='在这里一分钟提交内镜故障报修，扫码识别设备、上传故障照片，并跟踪维修进度。' />
}
