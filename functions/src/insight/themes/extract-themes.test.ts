import { z } from 'zod';
import corpusData from './corpus.json';
import { contentRuns } from './extract-themes';
import { extractThemes, maskPii, THEME_IDS, THEMES, themeLabel, ZBrandDictionary } from './index';
import { STOP_WORDS, themeOfKeyword, ZLexicon } from './lexicon';

const ZCorpus = z.object({
  dictionary: ZBrandDictionary,
  cases: z.array(z.object({ comment: z.string(), themes: z.array(z.enum(THEME_IDS as [string, ...string[]])), brand: z.optional(z.boolean()) })),
});
const corpus = ZCorpus.parse(corpusData);

describe('the theme lexicon', () => {
  it('has 18 themes with snake_case ids and a zh-CN and an en label', () => {
    expect(THEMES).toHaveLength(18);
    for (const theme of THEMES) {
      expect(theme.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(themeLabel(theme.id, 'zh-CN')).toMatch(/\p{Script=Han}/u);
      expect(themeLabel(theme.id, 'en')).toMatch(/^[A-Z][A-Za-z &-]+$/);
    }
    expect(themeLabel('waiting_time', 'zh-CN')).toBe('等待时间');
    expect(themeLabel('retired_theme', 'en')).toBe('retired_theme');
  });

  it('refuses a keyword given to two themes, a duplicate id and a keyword that would never match', () => {
    const theme = (id: string, keywords: string[]) => ({ id, label: { 'zh-CN': '主题', en: 'Theme' }, keywords });
    expect(ZLexicon.safeParse({ themes: [theme('a', ['排队']), theme('b', ['排队'])] }).success).toBe(false);
    expect(ZLexicon.safeParse({ themes: [theme('a', ['排队']), theme('a', ['收银'])] }).success).toBe(false);
    expect(ZLexicon.safeParse({ themes: [theme('a', ['APP'])] }).success).toBe(false);
    expect(ZLexicon.safeParse({ themes: [theme('a', ['ｗｉｆｉ'])] }).success).toBe(false);
    expect(ZLexicon.safeParse({ themes: [theme('Waiting', ['排队'])] }).success).toBe(false);
    expect(ZLexicon.safeParse({ themes: [theme('a', ['排队']), theme('b', ['收银'])] }).success).toBe(true);
  });

  it('never drops a keyword as a stop word, and never drops a negation', () => {
    expect([...themeOfKeyword.keys()].filter((k) => STOP_WORDS.has(k))).toEqual([]);
    for (const negation of ['不', '没', '没有', '别']) expect(STOP_WORDS.has(negation)).toBe(false);
  });
});

describe('extractThemes', () => {
  it('is checked against a hand-written corpus of at least 100 comments', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(100);
    // Every theme is exercised by the corpus, and the corpus has comments with no theme at all.
    expect(new Set(corpus.cases.flatMap((c) => c.themes))).toEqual(new Set(THEME_IDS));
    expect(corpus.cases.filter((c) => c.themes.length === 0).length).toBeGreaterThanOrEqual(8);
  });

  it.each(corpus.cases.map((c) => [c.comment, c] as const))('%s', (_, { comment, themes, brand }) => {
    expect(extractThemes(comment, brand ? corpus.dictionary : undefined)).toEqual(themes);
  });

  it('lands the three examples of the issue in the themes a manager expects', () => {
    expect(extractThemes('排队太久')).toEqual(['waiting_time']);
    // Deliberate: a slow till is about the checkout and about waiting.
    expect(extractThemes('收银慢')).toEqual(['waiting_time', 'checkout']);
    expect(extractThemes('店员态度好')).toEqual(['staff_attitude']);
  });

  it('keeps a brand word whole, so a product name does not read as a theme', () => {
    // A word no other test loads: brand words stay in the process-wide segmenter once added.
    expect(extractThemes('慢烤鸡翅很好吃')).toEqual(['waiting_time', 'taste']);
    expect(extractThemes('慢烤鸡翅很好吃', { words: ['慢烤鸡翅'] })).toEqual(['taste']);
    expect(extractThemes('慢烤鸡翅很好吃')).toEqual(['taste']);
    expect(() => extractThemes('好吃', { words: [''] })).toThrow();
  });

  it('counts a negated keyword under its theme: themes are topics, the score carries the sentiment', () => {
    expect(extractThemes('上菜不慢')).toEqual(['waiting_time']);
    expect(extractThemes('一点都不新鲜')).toEqual(['product_quality']);
    expect(contentRuns('态度不好')).toEqual([['态度', '不好']]);
    expect(contentRuns('态度很不好')).toEqual([['态度', '不好']]);
  });

  it('forms bigrams over dropped stop words but not over punctuation', () => {
    expect(contentRuns('服务很好')).toEqual([['服务', '好']]);
    expect(contentRuns('东西很好，价格也行')).toEqual([['东西', '好'], ['价格', '行']]);
    // 量 + 少 across a comma is not the keyword 量少.
    expect(extractThemes('质量，少了点')).toEqual(['product_quality']);
    expect(extractThemes('量少了点')).toEqual(['portion_size']);
  });

  it('returns each theme once, in the lexicon order, whatever the order of mention', () => {
    expect(extractThemes('太贵了！排队排了很久，排队的人太多，价格还贵')).toEqual(['waiting_time', 'price_promotion']);
    expect(extractThemes('价格贵，排队久')).toEqual(extractThemes('排队久，价格贵'));
  });

  it('reads full-width and upper-case Latin letters like their plain form', () => {
    expect(extractThemes('ＡＰＰ闪退')).toEqual(['app_payment']);
    expect(extractThemes('WiFi连不上')).toEqual(['environment']);
  });

  it('has no theme for an empty or blank comment', () => {
    expect(extractThemes('')).toEqual([]);
    expect(extractThemes('  \n ')).toEqual([]);
  });
});

describe('maskPii (the example comments shown to managers)', () => {
  it('masks the contact a customer left in a comment and keeps what it says', () => {
    const comment = '排队太久了！！店长电话13812345678打不通，微信 zhangsan_88 也不回';
    expect(maskPii(comment)).toBe('排队太久了！！店长电话138****5678打不通，微信 *** 也不回');
    expect(extractThemes(maskPii(comment))).toEqual(extractThemes(comment));
  });
});
