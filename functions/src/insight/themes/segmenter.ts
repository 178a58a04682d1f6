import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Jieba } from '@node-rs/jieba';

/**
 * The jieba segmenter, built once per process on first use: loading the default dictionary
 * (349k words) costs ~0.1–0.2 s and ~40 MB, so a function that never segments never pays it, and
 * `@node-rs/jieba` (a native module, external to the bundle) is only required here.
 */
let jieba: Jieba | undefined;
/** Words already added on top of the default dictionary (the lexicon's keywords, brand words). */
const added = new Set<string>();

/** Frequencies for added words: high enough to keep them whole, brand words above keywords (慢煮牛肉 beats 慢). */
export const KEYWORD_FREQ = 20_000;
export const BRAND_WORD_FREQ = 50_000;

export function segmenter(): Jieba {
  if (!jieba) {
    // The package is external to the esbuild bundle (its .node binary cannot be bundled), and required
    // lazily so that importing this module costs nothing until a comment is segmented.
    // Node's own require (the mini-program's typings give `require` WeChat's shape, which the e2e
    // tests' imports of the stack bring into that project): a lazy load of a native module.
    const nodeRequire = createRequire(__filename);
    const { Jieba: JiebaClass } = nodeRequire('@node-rs/jieba') as typeof import('@node-rs/jieba');
    // Only dict.txt: `@node-rs/jieba/dict` would also read the 6 MB TF-IDF table we do not use.
    const dict = readFileSync(join(dirname(nodeRequire.resolve('@node-rs/jieba')), 'dict.txt'));
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}

/**
 * Adds words to the segmenter's dictionary (once each). A word the default dictionary already keeps
 * whole is left alone: jieba would overwrite its frequency, and lowering it could change how the
 * text around it is cut. Brand words go into the one process-wide segmenter: one brand's product
 * name then also stays whole in another brand's comments, which changes no theme (brand words are
 * never keywords), and costs one dictionary instead of one per brand.
 */
export function addWords(words: Iterable<string>, freq: number): void {
  const j = segmenter();
  const lines: string[] = [];
  for (const word of words) {
    if (added.has(word)) continue;
    added.add(word);
    const cut = j.cut(word, false);
    if (cut.length === 1 && cut[0] === word) continue;
    // A dictionary line is `word freq`; a word with a space cannot be one entry.
    if (/\s/.test(word)) continue;
    lines.push(`${word} ${freq}`);
  }
  if (lines.length) j.loadDict(Buffer.from(lines.join('\n'), 'utf8'));
}
