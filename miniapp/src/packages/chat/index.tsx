import ComingSoon from '../../components/ComingSoon'

export default function ChatHome() {
  return <ComingSoon title='在线咨询' description='在这里与客服和工程师在线沟通，发送文字、图片和语音。' />
}
