export default definePageConfig({
  navigationBarTitleText: '申请高级权限',
  enablePullDownRefresh: true,
})
