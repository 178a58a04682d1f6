import { z } from 'zod';
// Not lexicon.json: Node's own resolver (jest's globalSetup, where the local stack's pollers run) tries
// .json before .ts, so `./lexicon` would load the data instead of this module.
import lexiconData from './theme-lexicon.json';
import stopWordData from './stop-words.json';

/**
 * How comment text and lexicon words are compared: NFKC (full-width ＡＰＰ and １２ become APP and 12),
 * then lower case. The lexicon's own words must already be in this form (the schema checks it), so a
 * keyword never silently fails to match.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const ZWord = z
  .string()
  .min(1)
  .refine((w) => w === normalizeText(w) && w.trim() === w && !/\s/.test(w), 'must be normalised (NFKC, lower case, no spaces)');

const ZTheme = z.object({
  id: z.string().regex(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/, 'snake_case ascii'),
  label: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
  keywords: z.array(ZWord).min(1),
});
export type Theme = z.infer<typeof ZTheme>;
export type ThemeLocale = keyof Theme['label'];

export const ZLexicon = z
  .object({ themes: z.array(ZTheme).min(1) })
  .superRefine(({ themes }, ctx) => {
    const ids = new Set<string>();
    const owner = new Map<string, string>();
    themes.forEach((theme, i) => {
      if (ids.has(theme.id)) ctx.addIssue({ code: 'custom', path: ['themes', i, 'id'], message: `duplicate theme id ${theme.id}` });
      ids.add(theme.id);
      theme.keywords.forEach((keyword, k) => {
        const other = owner.get(keyword);
        // One keyword, one theme: a word counted under two themes would double every count it feeds.
        if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['themes', i, 'keywords', k], message: `${keyword} is already a keyword of ${other}` });
        owner.set(keyword, theme.id);
      });
    });
  });

export const ZStopWords = z.object({ words: z.array(ZWord) });

/** The brand's own words (stores, products, staff): kept whole by the segmenter, never a theme. */
export const ZBrandDictionary = z.object({ words: z.array(z.string().trim().min(1).max(40)) });
export type BrandDictionary = z.infer<typeof ZBrandDictionary>;

/** The theme lexicon (display order), validated when the module loads. */
export const THEMES: readonly Theme[] = ZLexicon.parse(lexiconData).themes;
export const THEME_IDS: readonly string[] = THEMES.map((t) => t.id);
export const STOP_WORDS: ReadonlySet<string> = new Set(ZStopWords.parse(stopWordData).words);

const themeById = new Map(THEMES.map((t) => [t.id, t]));
export const themeOfKeyword: ReadonlyMap<string, string> = new Map(THEMES.flatMap((t) => t.keywords.map((k) => [k, t.id] as const)));

/** A theme's label; an id that is not in the lexicon (a theme since retired) is shown as itself. */
export function themeLabel(id: string, locale: ThemeLocale): string {
  return themeById.get(id)?.label[locale] ?? id;
}
