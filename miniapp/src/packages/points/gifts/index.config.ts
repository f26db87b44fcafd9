export default definePageConfig({
  navigationBarTitleText: '礼品兑换',
})
