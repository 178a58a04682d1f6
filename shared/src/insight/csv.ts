import type { ResponseRecord } from '../schemas/records';

/**
 * The responses export (GET /v1/exports/responses.csv) as text: RFC 4180 cells and lines, the
 * columns of DESIGN.md in their order, and the guard that keeps a spreadsheet from running a cell as
 * a formula. Pure, so the server streams it row by row and the rules are table-tested here.
 */

/** UTF-8 byte order mark: without it Excel reads the file as the system code page and garbles Chinese. */
export const CSV_BOM = '\uFEFF';

/** CRLF, as RFC 4180 writes it (Excel and every parser accept it). */
export const CSV_EOL = '\r\n';

export const EXPORT_COLUMNS = [
  'responseId',
  'submittedAt',
  'store',
  'region',
  'staff',
  'touchpoint',
  'nps',
  'band',
  'csat',
  'ces',
  'reasons',
  'comment',
  'phone',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export type CsvValue = string | number | undefined;

/**
 * Spreadsheets run a cell that starts with = + - @ (and tab or CR, which some strip first) as a
 * formula: a comment `=HYPERLINK("http://…")` would become a live link (OWASP "CSV injection").
 * Such text gets a leading apostrophe, which Excel shows as text and hides. Numbers are left as
 * they are: they are ours, never a customer's text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: guarded against formulas, quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: CsvValue): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record: cells joined by commas, ended by CRLF. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + CSV_EOL;
}

/** What opens the file: the BOM, then the header row. */
export const CSV_HEAD = CSV_BOM + csvLine(EXPORT_COLUMNS);

/** Reason ids are `[a-z0-9_]`, so a semicolon cannot occur inside one. */
export const REASON_SEPARATOR = ';';

export type ExportableResponse = Pick<
  ResponseRecord,
  'responseId' | 'submittedAt' | 'storeId' | 'region' | 'staffId' | 'touchpoint' | 'answers' | 'band'
>;

/**
 * A response as its CSV line. `maskedPhone` is the phone already masked by the caller (decrypting
 * is the server's business); nothing else of the record that could identify the customer — openid,
 * hashes, sealed values — is a column, so it cannot reach the file.
 */
export function exportLine(response: ExportableResponse, maskedPhone: string | undefined): string {
  const { answers } = response;
  const cells: Record<ExportColumn, CsvValue> = {
    responseId: response.responseId,
    submittedAt: response.submittedAt,
    store: response.storeId,
    region: response.region,
    staff: response.staffId,
    touchpoint: response.touchpoint,
    nps: answers.nps,
    band: response.band,
    csat: answers.csat,
    ces: answers.ces,
    reasons: answers.reasons?.join(REASON_SEPARATOR),
    comment: answers.comment,
    phone: maskedPhone,
  };
  return csvLine(EXPORT_COLUMNS.map((column) => cells[column]));
}
