import { View } from '@tarojs/components'
import { PagePrompt } from '../../../components/PageState'

/** weapp: the editor and the statistics are desktop work, on the web console (the H5 build). */
export default function WebConsoleOnly() {
  return (
    <View className='library page-narrow'>
      <PagePrompt
        testId='library-admin-web-only'
        title='请在电脑端管理后台编辑资料'
        message='资料的编写、发布、下架和阅读统计在网页版管理后台进行：在电脑浏览器打开管理后台，登录后进入“我的 → 资料库管理”。'
      />
    </View>
  )
}
