export default definePageConfig({
  navigationBarTitleText: '心声',
  // The keyboard must not push the page around; the comment box scrolls itself into view.
  disableScroll: false,
})
