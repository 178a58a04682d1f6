export default defineAppConfig({
  // The main package holds only the consumer survey, so it stays small (WeChat: ≤ 2 MB per package).
  // Staff pages (workbench, dashboard) will go into a `staff` subpackage: subPackages: [{ root: 'staff', pages: [...] }].
  pages: ['pages/survey/index'],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#EDEDED',
    navigationBarBackgroundColor: '#EDEDED',
    navigationBarTitleText: '心声',
    navigationBarTextStyle: 'black',
  },
})
