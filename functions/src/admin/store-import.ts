import { parseStoreCsv, type ImportError, type StaffProfile, type Store, type StoreImportResult, type StoreImportRow } from '@xinsheng/shared';
import { badRequest } from '../lib/errors';
import { header, rawBody, type HttpEvent } from '../lib/http';
import { MAX_STORE_WRITES, readStores, writeStores, type StoreWrite } from '../data/store-admin-repo';
import { storeView } from './store-views';

/**
 * POST /v1/admin/stores/import (text/csv; the format: shared/src/admin/store-csv.ts). A bad row is
 * reported with its line and field and never written; the good rows apply, each whole: its store
 * and its audit entry go in one transaction. Good rows are written 25 to a transaction (4 at a
 * time, so 1000 rows ≈ 10 rounds); a transaction a condition refused (a store created or taken in
 * the meantime) is retried row by row, so only the row at fault is reported.
 */
const PARALLEL_TRANSACTIONS = 4;

interface PlannedRow {
  line: number;
  write: StoreWrite;
}

const takenError = (line: number, storeId: string): ImportError => ({ line, field: 'storeId', message: `store id ${storeId} is taken` });

/** What a row asks for, given the store as it is: a create, a replace, or an error (another brand's id). */
function plan(row: StoreImportRow, existing: Store | undefined, admin: StaffProfile, now: Date): PlannedRow | ImportError {
  const common = { actor: admin.staffId, target: `store:${row.store.storeId}`, at: now };
  if (existing && existing.brandId !== admin.brandId) return takenError(row.line, row.store.storeId);
  if (!existing) {
    const store: Store = { ...row.store, brandId: admin.brandId, staffIds: row.store.staffIds ?? [], policy: {} };
    return { line: row.line, write: { store, create: true, audit: { ...common, action: 'store.create', after: storeView(store) } } };
  }
  const after: Store = {
    ...existing,
    name: row.store.name,
    region: row.store.region,
    timeZone: row.store.timeZone,
    ...(row.hasStaffIds ? { staffIds: row.store.staffIds ?? [] } : {}),
  };
  return { line: row.line, write: { store: after, create: false, audit: { ...common, action: 'store.update', before: storeView(existing), after: storeView(after) } } };
}

/** Writes a chunk together; when refused, row by row. Returns the rows applied and the errors. */
async function applyChunk(chunk: PlannedRow[]): Promise<{ applied: PlannedRow[]; errors: ImportError[] }> {
  if (await writeStores(chunk.map((r) => r.write))) return { applied: chunk, errors: [] };
  const applied: PlannedRow[] = [];
  const errors: ImportError[] = [];
  for (const row of chunk) {
    if (await writeStores([row.write])) applied.push(row);
    else errors.push(takenError(row.line, row.write.store.storeId));
  }
  return { applied, errors };
}

export async function importStores(event: HttpEvent, admin: StaffProfile, now: Date): Promise<StoreImportResult> {
  const type = header(event, 'content-type') ?? '';
  if (!/^text\/csv\b/i.test(type)) throw badRequest('send the stores as text/csv', [{ path: ['headers', 'content-type'], message: 'expected text/csv' }]);
  const { rows, errors } = parseStoreCsv(rawBody(event));
  const existing = await readStores(rows.map((r) => r.store.storeId));
  const planned: PlannedRow[] = [];
  for (const row of rows) {
    const p = plan(row, existing.get(row.store.storeId), admin, now);
    if ('write' in p) planned.push(p);
    else errors.push(p);
  }
  const chunks: PlannedRow[][] = [];
  for (let i = 0; i < planned.length; i += MAX_STORE_WRITES) chunks.push(planned.slice(i, i + MAX_STORE_WRITES));
  const applied: PlannedRow[] = [];
  for (let i = 0; i < chunks.length; i += PARALLEL_TRANSACTIONS) {
    for (const outcome of await Promise.all(chunks.slice(i, i + PARALLEL_TRANSACTIONS).map(applyChunk))) {
      applied.push(...outcome.applied);
      errors.push(...outcome.errors);
    }
  }
  return {
    created: applied.filter((r) => r.write.create).length,
    updated: applied.filter((r) => !r.write.create).length,
    errors: errors.sort((a, b) => a.line - b.line),
  };
}
