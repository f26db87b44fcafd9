export default definePageConfig({
  navigationBarTitleText: '隐私合规',
})
