export default definePageConfig({
  navigationBarTitleText: '咨询接待',
  enablePullDownRefresh: true,
})
