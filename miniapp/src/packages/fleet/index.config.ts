export default definePageConfig({
  navigationBarTitleText: '设备概况',
  enablePullDownRefresh: true,
})
