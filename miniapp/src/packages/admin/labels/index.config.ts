export default definePageConfig({
  navigationBarTitleText: '设备标签',
})
