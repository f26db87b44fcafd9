export default definePageConfig({
  navigationBarTitleText: '医院与设备',
})
