export default definePageConfig({
  navigationBarTitleText: '第三方提供记录',
})
