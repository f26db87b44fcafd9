export default definePageConfig({
  navigationBarTitleText: '个人信息访问日志',
})
