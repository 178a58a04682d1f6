import { zonedParts } from '@xinsheng/shared';

/**
 * Subscribe-message template data and WeChat's per-keyword limits. A keyword's type is the
 * prefix of its key (`thing1` is a `thing`); WeChat answers 47003 for a value outside its type's
 * rules, and the message is lost, so every value we send is built by one of these functions.
 * Free text (`thing`) is shortened with "…"; identifiers and numbers are never shortened (a cut
 * order number is a wrong order number), so those throw instead.
 */
export type TemplateData = Record<string, { value: string }>;

/** A value that cannot be made to fit its keyword's rules: a programming or data error, not WeChat's. */
export class TemplateDataError extends RangeError {
  constructor(readonly keyword: string, message: string) {
    super(`${keyword}: ${message}`);
    this.name = 'TemplateDataError';
  }
}

export const LIMITS = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  phrase: 5,
  name: 10,
  phone_number: 17,
  car_number: 8,
} as const;

/** Length as WeChat counts it: characters (code points), not UTF-16 units or bytes. */
export const charLength = (value: string) => Array.from(value).length;

// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are stripped from template values
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff]/g;
const CHINESE = /^[\u4e00-\u9fff]+$/;

/** Free text: whitespace collapsed, control characters removed, at most `max` characters ending in "…" when cut. */
export function thing(value: string, max: number = LIMITS.thing): string {
  const clean = value.replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (!clean) throw new TemplateDataError('thing', 'is empty');
  const chars = Array.from(clean);
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** At most 5 Chinese characters, nothing else (WeChat's "phrase"). */
export function phrase(value: string): string {
  const clean = value.trim();
  if (!CHINESE.test(clean)) throw new TemplateDataError('phrase', 'must be Chinese characters only');
  if (charLength(clean) > LIMITS.phrase) throw new TemplateDataError('phrase', `must be at most ${LIMITS.phrase} characters`);
  return clean;
}

/** Letters, digits and symbols, at most 32 (order numbers, codes). */
export function characterString(value: string): string {
  const clean = value.trim();
  if (!/^[\x21-\x7e]+$/.test(clean)) throw new TemplateDataError('character_string', 'must be ASCII letters, digits or symbols');
  if (clean.length > LIMITS.character_string) {
    throw new TemplateDataError('character_string', `must be at most ${LIMITS.character_string} characters`);
  }
  return clean;
}

/** A number as digits, optionally signed and with decimals, at most 32 characters. */
export function numberValue(value: number | string): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  if (!/^[-+]?\d+(\.\d+)?$/.test(text)) throw new TemplateDataError('number', 'must be a plain number');
  if (text.length > LIMITS.number) throw new TemplateDataError('number', `must be at most ${LIMITS.number} characters`);
  return text;
}

/** An amount in fen as WeChat's "amount": a currency sign, at most 10 integer digits, two decimals. */
export function amount(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new TemplateDataError('amount', 'must be a non-negative whole number of fen');
  const yuan = Math.floor(fen / 100);
  if (String(yuan).length > 10) throw new TemplateDataError('amount', 'must be at most 10 integer digits');
  return `¥${yuan}.${String(fen % 100).padStart(2, '0')}`;
}

function wallClock(at: Date | string, timeZone: string) {
  const instant = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) throw new TemplateDataError('time', 'is not a valid instant');
  return zonedParts(instant, timeZone);
}

/** WeChat's "date" keyword: `2026年11月23日` in the given time zone. */
export function date(at: Date | string, timeZone: string): string {
  const p = wallClock(at, timeZone);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** WeChat's "time" keyword (24-hour, with the date): `2026年11月23日 15:01` in the given time zone. */
export function time(at: Date | string, timeZone: string): string {
  const p = wallClock(at, timeZone);
  return `${p.year}年${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

const DATE_PART = String.raw`(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})`;
const TIME_PART = String.raw`\d{1,2}:\d{2}(:\d{2})?`;
const TIME_VALUE = new RegExp(String.raw`^(${DATE_PART}\s*)?${TIME_PART}$`);
const DATE_VALUE = new RegExp(String.raw`^${DATE_PART}(\s*${TIME_PART})?$`);
const rangeOf = (re: RegExp) => (v: string) => v.split('~').every((part) => re.test(part.trim()));

/**
 * Why a value breaks its keyword's rules, or undefined when it is fine. Unknown keyword types
 * are refused: WeChat would refuse them too.
 */
export function templateValueProblem(key: string, value: unknown): string | undefined {
  const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
  if (!type) return 'is not a keyword name such as thing1';
  if (typeof value !== 'string' || value.length === 0) return 'must be a non-empty string';
  const n = charLength(value);
  switch (type) {
    case 'thing':
      return n <= LIMITS.thing ? undefined : `exceeds ${LIMITS.thing} characters`;
    case 'number':
      return n <= LIMITS.number && /^[-+]?\d+(\.\d+)?$/.test(value) ? undefined : 'must be a number of at most 32 characters';
    case 'letter':
      return n <= LIMITS.letter && /^[A-Za-z]+$/.test(value) ? undefined : 'must be at most 32 letters';
    case 'symbol':
      return n <= LIMITS.symbol ? undefined : 'must be at most 5 symbols';
    case 'character_string':
      return n <= LIMITS.character_string && /^[\x21-\x7e]+$/.test(value) ? undefined : 'must be at most 32 letters, digits or symbols';
    case 'phrase':
      return n <= LIMITS.phrase && CHINESE.test(value) ? undefined : 'must be at most 5 Chinese characters';
    case 'name':
      return (CHINESE.test(value) && n <= 10) || (/^[A-Za-z ]+$/.test(value) && n <= 20) ? undefined : 'must be at most 10 Chinese characters or 20 letters';
    case 'phone_number':
      return n <= LIMITS.phone_number && /^[\d+\-() ]+$/.test(value) ? undefined : 'must be a phone number of at most 17 characters';
    case 'car_number':
      return n <= LIMITS.car_number ? undefined : 'must be at most 8 characters';
    case 'amount':
      return /^[¥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(value) ? undefined : 'must be a currency amount';
    case 'time':
      return rangeOf(TIME_VALUE)(value) ? undefined : 'must be a 24-hour time, optionally with the date';
    case 'date':
      return rangeOf(DATE_VALUE)(value) ? undefined : 'must be a date, optionally with a time';
    default:
      return `has an unknown keyword type "${type}"`;
  }
}

/** Throws on the first value that WeChat would refuse with 47003. */
export function assertTemplateData(data: TemplateData): TemplateData {
  for (const [key, { value }] of Object.entries(data)) {
    const problem = templateValueProblem(key, value);
    if (problem) throw new TemplateDataError(key, problem);
  }
  return data;
}

/**
 * The survey-invitation template (XS_SUBSCRIBE_TEMPLATE_ID), whose keywords in the WeChat
 * console are: 门店名称 thing1, 消费时间 time2, 温馨提示 thing3.
 */
/** What every store notice shows: the store, a time in the store's zone, and an optional note. */
interface StoreNoticeInput {
  storeName: string;
  timeZone: string;
  note?: string;
}

export function surveyInvitationData(input: StoreNoticeInput & { occurredAt: Date | string }): TemplateData {
  return assertTemplateData({
    thing1: { value: thing(input.storeName) },
    time2: { value: time(input.occurredAt, input.timeZone) },
    thing3: { value: thing(input.note ?? '邀请您评价本次服务') },
  });
}

/**
 * The callback-notice template (XS_CALLBACK_TEMPLATE_ID), sent once to a detractor who tapped
 * "notify me", when the store first reaches them or resolves their feedback:
 * 门店名称 thing1, 处理进度 phrase2 (≤ 5 Chinese characters), 处理时间 time3, 备注 thing4.
 */
export function callbackNoticeData(input: StoreNoticeInput & { status: string; at: Date | string }): TemplateData {
  return assertTemplateData({
    thing1: { value: thing(input.storeName) },
    phrase2: { value: phrase(input.status) },
    time3: { value: time(input.at, input.timeZone) },
    thing4: { value: thing(input.note ?? '门店已跟进您的反馈') },
  });
}
