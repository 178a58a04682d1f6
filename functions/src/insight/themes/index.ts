/** Comment themes: a curated lexicon (data), jieba segmentation with brand words and stop words. */
export { extractThemes } from './extract-themes';
export { THEMES, THEME_IDS, themeLabel, ZBrandDictionary, type BrandDictionary, type Theme, type ThemeLocale } from './lexicon';
