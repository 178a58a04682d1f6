/**
 * A page query value as the page means it. Taro hands the query over still percent-encoded, and an
 * address typed by hand may be broken: a value that does not decode is undefined (no value at all).
 */
export function decodedQueryParam(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}
