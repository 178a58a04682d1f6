import { parseStoreCsv, type ImportError, type StaffProfile, type Store, type StoreImportResult, type StoreImportRow } from '@xinsheng/shared';
import { badRequest } from '../lib/errors';
import { header, rawBody, type HttpEvent } from '../lib/http';
import { createStore, readStores, replaceStore } from '../data/store-admin-repo';
import { storeView } from './store-views';

/**
 * POST /v1/admin/stores/import (text/csv; the format: shared/src/admin/store-csv.ts). Each good row
 * is one transaction (the store + its audit entry): a row is applied whole or not at all, a bad
 * row is reported with its line and field and never written, and the good rows apply. Rows are
 * written 8 at a time (a thousand rows ≈ 125 rounds of one transaction each, well inside the timeout).
 */
const PARALLEL_ROWS = 8;

type RowOutcome = 'created' | 'updated' | ImportError;

async function applyRow(row: StoreImportRow, existing: Store | undefined, admin: StaffProfile, now: Date): Promise<RowOutcome> {
  const taken: ImportError = { line: row.line, field: 'storeId', message: `store id ${row.store.storeId} is taken` };
  const common = { actor: admin.staffId, target: `store:${row.store.storeId}`, at: now };
  if (existing && existing.brandId !== admin.brandId) return taken;
  if (!existing) {
    const store: Store = { ...row.store, brandId: admin.brandId, staffIds: row.store.staffIds ?? [], policy: {} };
    return (await createStore(store, { ...common, action: 'store.create', after: storeView(store) })) ? 'created' : taken;
  }
  const after: Store = {
    ...existing,
    name: row.store.name,
    region: row.store.region,
    timeZone: row.store.timeZone,
    ...(row.hasStaffIds ? { staffIds: row.store.staffIds ?? [] } : {}),
  };
  const replaced = await replaceStore(after, { ...common, action: 'store.update', before: storeView(existing), after: storeView(after) });
  return replaced ? 'updated' : taken;
}

export async function importStores(event: HttpEvent, admin: StaffProfile, now: Date): Promise<StoreImportResult> {
  const type = header(event, 'content-type') ?? '';
  if (!/^text\/csv\b/i.test(type)) throw badRequest('send the stores as text/csv', [{ path: ['headers', 'content-type'], message: 'expected text/csv' }]);
  const { rows, errors } = parseStoreCsv(rawBody(event));
  const existing = await readStores(rows.map((r) => r.store.storeId));
  const outcomes: RowOutcome[] = [];
  for (let i = 0; i < rows.length; i += PARALLEL_ROWS) {
    const batch = rows.slice(i, i + PARALLEL_ROWS);
    outcomes.push(...(await Promise.all(batch.map((row) => applyRow(row, existing.get(row.store.storeId), admin, now)))));
  }
  const rowErrors = outcomes.filter((o): o is ImportError => typeof o === 'object');
  return {
    created: outcomes.filter((o) => o === 'created').length,
    updated: outcomes.filter((o) => o === 'updated').length,
    errors: [...errors, ...rowErrors].sort((a, b) => a.line - b.line),
  };
}
