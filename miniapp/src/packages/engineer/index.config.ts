export default definePageConfig({
  navigationBarTitleText: '工程师工作台',
  enablePullDownRefresh: true,
})
