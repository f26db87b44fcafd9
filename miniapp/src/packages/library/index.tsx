import ComingSoon from '../../components/ComingSoon'

export default function LibraryHome() {
  return <ComingSoon title='资料库' description='在这里阅读内镜安全使用、故障预防和清洗消毒指南。' />
}
