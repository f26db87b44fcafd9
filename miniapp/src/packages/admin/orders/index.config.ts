export default definePageConfig({
  navigationBarTitleText: '礼品订单',
  enablePullDownRefresh: true,
})
