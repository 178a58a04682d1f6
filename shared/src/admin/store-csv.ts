import * as z from 'zod/mini';
import { ZStoreCreateRequest, type ImportError, type StoreCreateRequest } from '../schemas/admin-stores';

/**
 * The store import file (POST /v1/admin/stores/import, text/csv, UTF-8, an optional BOM):
 *   storeId,name,region,timeZone[,staffIds]
 * a header row first (names in any order, any case), then one store per row. Fields follow RFC 4180
 * (quotes for commas, "" for a quote, quoted line breaks). `staffIds` holds ids separated by `;`,
 * `|` or spaces. Every bad row is reported with its line (1 = the header) and field, and is never
 * applied; the good rows are. Pure (no I/O): the console can check a file before sending it.
 */
export const MAX_IMPORT_ROWS = 1000;
const REQUIRED = ['storeId', 'name', 'region', 'timeZone'] as const;
const OPTIONAL = ['staffIds'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

export interface CsvRecord {
  /** The line the record starts on (1-based). */
  line: number;
  fields: string[];
}

/** RFC 4180 records, each with the line it starts on; an unterminated quote is an error of its line. */
export function parseCsvRecords(text: string): { records: CsvRecord[]; error?: ImportError } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0].trim() !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) return { records, error: { line: start, field: 'csv', message: 'a quoted field is not closed' } };
  endRecord();
  return { records };
}

export interface StoreImportRow {
  line: number;
  store: StoreCreateRequest;
  /** Whether the file has a staffIds column (without it, an update keeps the store's staff). */
  hasStaffIds: boolean;
}

const splitIds = (cell: string) => cell.split(/[;|\s]+/).filter(Boolean);

/** The file's good rows and every error of its bad ones (a bad header: only that error, no rows). */
export function parseStoreCsv(text: string): { rows: StoreImportRow[]; errors: ImportError[] } {
  const { records, error } = parseCsvRecords(text);
  const errors: ImportError[] = error ? [error] : [];
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [...errors, { line: 1, field: 'header', message: `the header row is missing: ${REQUIRED.join(',')}[,staffIds]` }] };
  const known = new Map<string, Column>([...REQUIRED, ...OPTIONAL].map((name) => [name.toLowerCase(), name]));
  const columns: Column[] = [];
  for (const cell of header.fields) {
    const column = known.get(cell.trim().toLowerCase());
    if (!column || columns.includes(column)) return { rows: [], errors: [{ line: header.line, field: 'header', message: `unknown or repeated column "${cell.trim()}"` }] };
    columns.push(column);
  }
  const missing = REQUIRED.filter((name) => !columns.includes(name));
  if (missing.length) return { rows: [], errors: [{ line: header.line, field: 'header', message: `missing column(s): ${missing.join(', ')}` }] };
  if (body.length > MAX_IMPORT_ROWS) return { rows: [], errors: [{ line: header.line, field: 'csv', message: `at most ${MAX_IMPORT_ROWS} stores per file` }] };

  const hasStaffIds = columns.includes('staffIds');
  const rows: StoreImportRow[] = [];
  const firstLine = new Map<string, number>();
  for (const record of body) {
    if (record.fields.length !== columns.length) {
      errors.push({ line: record.line, field: 'row', message: `expected ${columns.length} fields, found ${record.fields.length}` });
      continue;
    }
    const cells = new Map(columns.map((column, i) => [column, record.fields[i].trim()]));
    const candidate = {
      storeId: cells.get('storeId'),
      name: cells.get('name'),
      region: cells.get('region'),
      timeZone: cells.get('timeZone'),
      ...(hasStaffIds ? { staffIds: splitIds(cells.get('staffIds') ?? '') } : {}),
    };
    const parsed = z.safeParse(ZStoreCreateRequest, candidate);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'row');
        if (seen.has(field)) continue;
        seen.add(field);
        errors.push({ line: record.line, field, message: issue.message });
      }
      continue;
    }
    const earlier = firstLine.get(parsed.data.storeId);
    if (earlier !== undefined) {
      errors.push({ line: record.line, field: 'storeId', message: `store ${parsed.data.storeId} is already on line ${earlier}` });
      continue;
    }
    firstLine.set(parsed.data.storeId, record.line);
    rows.push({ line: record.line, store: parsed.data, hasStaffIds });
  }
  return { rows, errors };
}
