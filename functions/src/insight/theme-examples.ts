import type { LocalizedText, Store } from '@xinsheng/shared';
import { mapWithConcurrency } from '../lib/concurrency';
import { latestResponses } from '../data/insight-read-repo';
import type { DayInterval } from './read-plan';

/**
 * Example comments for the themes: the newest answers of the selection's stores (the responses
 * export index, newest first, a small page per store), matched to themes by the same extraction
 * the aggregation counts them with, masked before they leave the server. Bounded: at most
 * MAX_STORES stores (spread over the selection when it has more) × PER_STORE answers, read in rounds
 * of eight stores until every theme has its PER_THEME examples, so the cost does not grow with the
 * number of responses (a busy chain stops after the first round). A few answers from each of many
 * stores rather than many from a few: the examples speak for more of the selection, and a page per
 * store is about as full for a quiet chain's month as for a busy one's, so the read costs the same.
 */

export interface ThemeTools {
  /** Theme ids a comment mentions. */
  extractThemes(comment: string): readonly string[];
  /** The comment with phone numbers and similar personal data masked. */
  mask(comment: string): string;
  /** The theme's name (the lexicon's). */
  label(themeId: string): LocalizedText;
}

export const MAX_STORES = 24;
export const PER_STORE = 6;
export const PER_THEME = 3;

export interface ThemeExample {
  responseId: string;
  comment: string;
}

function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]);
}

/** Stores read at once; a round that leaves every theme with its examples is the last. */
const ROUND = 8;

export async function themeExamples(brandId: string, stores: readonly Store[], period: DayInterval, themes: readonly string[], tools: ThemeTools): Promise<Map<string, ThemeExample[]>> {
  const examples = new Map<string, ThemeExample[]>(themes.map((t) => [t, []]));
  if (!themes.length) return examples;
  const chosen = spread(stores, MAX_STORES);
  const full = () => [...examples.values()].every((list) => list.length >= PER_THEME);
  // A busy chain fills every theme from its first round of stores; a quiet one reads up to MAX_STORES.
  // So the cost stays bounded and does not grow with the number of responses.
  for (let start = 0; start < chosen.length && !full(); start += ROUND) {
    const pages = await mapWithConcurrency(chosen.slice(start, start + ROUND), ROUND, (store) => latestResponses(brandId, store.storeId, period.from, period.to, PER_STORE));
    const newestFirst = pages.flat().sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.responseId.localeCompare(a.responseId));
    for (const response of newestFirst) {
      const comment = response.answers.comment?.trim();
      if (!comment || response.kind === 'recovery') continue;
      for (const theme of new Set(tools.extractThemes(comment))) {
        const list = examples.get(theme);
        if (list && list.length < PER_THEME) list.push({ responseId: response.responseId, comment: tools.mask(comment) });
      }
    }
  }
  return examples;
}
