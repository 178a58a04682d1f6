/** Comment themes: a curated lexicon (data), jieba segmentation with brand words and stop words. */
export { extractThemes, loadThemeSegmenter } from './extract-themes';
export { THEMES, THEME_IDS, themeLabel, ZBrandDictionary, type BrandDictionary, type Theme, type ThemeLocale } from './lexicon';
export { maskPii } from '@xinsheng/shared';
