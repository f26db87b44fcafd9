export default definePageConfig({
  navigationBarTitleText: '礼品兑换',
  enablePullDownRefresh: true,
})
