export default definePageConfig({
  navigationBarTitleText: '提交申请',
})
