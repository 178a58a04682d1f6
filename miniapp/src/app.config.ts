export default defineAppConfig({
  // The main package holds only the consumer survey, so it stays small (WeChat: ≤ 2 MB per package).
  // Staff pages (workbench, dashboard) are the `staff` subpackage, downloaded only by staff.
  // Independent: it carries its own copy of the runtime (React, zod, shared), so the survey's main
  // package keeps its single concatenated bundle (+0 KB of JS) and a staff notice's link opens the
  // workbench without downloading the consumer's package first.
  pages: ['pages/survey/index'],
  subPackages: [{ root: 'staff', pages: ['pages/login/index', 'pages/queue/index', 'pages/task/index', 'pages/dashboard/index', 'pages/admin/index'], independent: true }],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#EDEDED',
    navigationBarBackgroundColor: '#EDEDED',
    navigationBarTitleText: '心声',
    navigationBarTextStyle: 'black',
  },
})
