import ComingSoon from '../../components/ComingSoon'

export default function PrivacyHome() {
  return <ComingSoon title='隐私与授权' description='在这里查看隐私政策、管理授权、导出个人信息或注销账号。' />
}
