export default definePageConfig({
  navigationBarTitleText: '高级权限审核',
  enablePullDownRefresh: true,
})
