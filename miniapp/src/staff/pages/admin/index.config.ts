export default definePageConfig({ navigationBarTitleText: '品牌管理' })
