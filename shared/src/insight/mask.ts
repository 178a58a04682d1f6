/**
 * Masking of personal data in text shown to staff (example comments, exports): the one rule for how
 * a phone number is masked (138****5678), used for a task's phone and for phone numbers found in
 * free text alike. Pure, so the mini-program could apply the same rule — which is why there is no
 * regex lookbehind here (older iOS WeChat engines cannot even parse one): the character before a
 * match is captured and put back instead.
 */

/** 13800138000 → 138****8000; a +86 / 0086 prefix and spaces or dashes are ignored. */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/\D/g, '');
  if (/^(?:0086|86)1[3-9]\d{9}$/.test(digits)) digits = digits.slice(-11);
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

/** zhang.san@qq.com → z***@qq.com */
const EMAIL = /[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/giu;
/**
 * An id after a WeChat / QQ mention: 微信 abc_123, vx：abc123, 加v abc123, QQ 12345678. WeChat ids are
 * 6–20 letters, digits, _ and -, starting with a letter (a phone number used as the id is masked as a
 * phone). The mention is kept, so a manager still sees that the customer left a contact.
 */
const CONTACT_ID = /(^|[^a-z])(微信号?|威信|薇信|v信|vx|wx|weixin|wechat|加v)(\s*号?\s*[:：是为]?\s*)([a-z][-_a-z0-9]{5,19})(?![-_a-z0-9])/giu;
const QQ = /(^|[^a-z])(qq\s*号?\s*[:：是为]?\s*)(\d{5,11})(?!\d)/giu;
/** Resident ID card: 17 digits and a check digit (or X). Before phones: it contains 11 digits that look like one. */
const ID_CARD = /(^|\D)(\d{17}[\dx])(?![\dx])/giu;
/** Mainland mobile, optionally +86 / 0086 / 86, digits optionally separated by spaces or dashes. */
const MOBILE = /(^|[^\d+])((?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8})(?!\d)/gu;
/**
 * Landline with its area code: 021-12345678, (0571) 8888 1234, 01066668888. Area codes are 010 and
 * 02x (three digits) or 0[3-9]xx (four), which makes a number written without a separator unambiguous.
 * A bare local number (88881234) is not masked: without its area code it cannot be told from an
 * order number or an amount.
 */
const AREA = '010|02\\d|0[3-9]\\d{2}';
const LANDLINE = new RegExp(`(^|\\D)(\\((?:${AREA})\\)|(?:${AREA}))[\\s-]?([2-9]\\d{2,3}[\\s-]?\\d{4})(?!\\d)`, 'gu');

/**
 * Masks what identifies a person in free text: mobile and landline numbers, e-mail addresses,
 * 18-digit resident ID numbers, and WeChat / QQ ids after their mention. Everything else is kept.
 */
export function maskPii(text: string): string {
  return text
    .replace(EMAIL, (email) => `${email[0]}***${email.slice(email.indexOf('@'))}`)
    .replace(CONTACT_ID, (_, before: string, mention: string, separator: string) => `${before}${mention}${separator}***`)
    .replace(QQ, (_, before: string, mention: string) => `${before}${mention}***`)
    .replace(ID_CARD, (_, before: string, id: string) => `${before}${id.slice(0, 6)}********${id.slice(-4)}`)
    .replace(MOBILE, (_, before: string, phone: string) => `${before}${maskPhone(phone)}`)
    .replace(LANDLINE, (_, before: string, area: string, local: string) => `${before}${area}-****${local.replace(/\D/g, '').slice(-4)}`);
}
