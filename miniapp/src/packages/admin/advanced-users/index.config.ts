export default definePageConfig({
  navigationBarTitleText: '高级权限用户',
  enablePullDownRefresh: true,
})
