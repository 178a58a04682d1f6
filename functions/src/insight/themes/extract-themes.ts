import { normalizeText, STOP_WORDS, THEME_IDS, themeOfKeyword, ZBrandDictionary, type BrandDictionary } from './lexicon';
import { addWords, BRAND_WORD_FREQ, KEYWORD_FREQ, segmenter } from './segmenter';

/** A token that is only punctuation, symbols (emoji) or spaces: it ends a run of adjacent tokens. */
const BOUNDARY = /^[\s\p{P}\p{S}]+$/u;

let keywordsLoaded = false;

/**
 * Loads jieba, its dictionary and the lexicon's keywords now rather than on the first comment
 * (~0.1–0.2 s of CPU, more on a small Lambda). A function that segments every invocation can call it
 * at module scope, where Lambda's init phase runs it at full CPU; nothing else should.
 */
export function loadThemeSegmenter(): void {
  segmenter();
  if (!keywordsLoaded) {
    addWords(themeOfKeyword.keys(), KEYWORD_FREQ);
    keywordsLoaded = true;
  }
}

/**
 * The content tokens of a comment, in runs: punctuation and spaces split runs (no bigram spans
 * 好，价格), stop words are dropped inside a run (态度很好 → 态度 好, so the bigram 态度好 exists).
 * Negations are content: 不 stays, so 态度不好 never reads as 态度好.
 */
export function contentRuns(comment: string, dictionary?: BrandDictionary): string[][] {
  loadThemeSegmenter();
  if (dictionary) addWords(ZBrandDictionary.parse(dictionary).words.map(normalizeText), BRAND_WORD_FREQ);
  const runs: string[][] = [[]];
  // Without HMM: only dictionary words are joined, so a keyword next to an unknown character is not
  // glued into a new "word" (很甜 stays 很/甜) — segmentation the lexicon can be written against.
  for (const token of segmenter().cut(normalizeText(comment), false)) {
    if (BOUNDARY.test(token)) {
      if (runs[runs.length - 1].length) runs.push([]);
    } else if (!STOP_WORDS.has(token)) {
      runs[runs.length - 1].push(token);
    }
  }
  return runs.filter((run) => run.length > 0);
}

/**
 * The themes a comment speaks of: a theme matches when a content token, or two adjacent content
 * tokens joined (a bigram), is one of its keywords. Ids come once each, in the lexicon's order.
 *
 * Themes are topics, not sentiment: 不慢, 不新鲜, 没货 name the wait, the freshness, the stock as much
 * as 慢 or 新鲜 do, so negation does not remove a theme. Whether a theme is praise or complaint is
 * read from the scores of the responses that mention it (its NPS and impact), not from the words.
 * Themes overlap on purpose: 收银慢 is about the checkout and about waiting.
 */
export function extractThemes(comment: string, dictionary?: BrandDictionary): string[] {
  if (!comment.trim()) return [];
  const found = new Set<string>();
  const match = (term: string) => {
    const theme = themeOfKeyword.get(term);
    if (theme !== undefined) found.add(theme);
  };
  for (const run of contentRuns(comment, dictionary)) {
    run.forEach((token, i) => {
      match(token);
      if (i > 0) match(run[i - 1] + token);
    });
  }
  return THEME_IDS.filter((id) => found.has(id));
}
