import {
  CSV_HEAD,
  exportLine,
  mayReadInsight,
  queryPeriod,
  type Period,
  type ResponsesExportQuery,
  type StaffProfile,
  type Store,
} from '@xinsheng/shared';
import { DomainError, badRequest, notFound } from '../lib/errors';
import { decrypt, maskPhone } from '../lib/crypto';
import { listStores } from '../data/catalog-repo';
import { storeResponsePages, type ExportRowFilter, type ExportedResponse } from '../data/responses-export-repo';
import { inScope } from '../staff/scope';

/**
 * GET /v1/exports/responses.csv: every response of the period in the caller's scope, as CSV, one
 * store after the other (each in day order). The scope rule is the metrics' and the tasks': a
 * staff member sees the stores of their regions and their own stores (`allRegions`: the brand);
 * an explicit filter outside that scope is a 403, an id the brand does not have a 404.
 */

const forbiddenRole = () => new DomainError(403, 'forbidden_role', 'your role may not read insight figures');

const outOfScope = (field: string, id: string) =>
  new DomainError(403, 'out_of_scope', `${field} ${id} is outside your scope`, [{ path: ['query', field], message: 'outside your scope' }]);

const unknownId = (field: string, id: string) => {
  const error = notFound(`no such ${field}: ${id}`);
  return new DomainError(error.status, error.code, error.message, [{ path: ['query', field], message: 'no such id in your brand' }]);
};

/** The stores whose responses the export holds: the caller's scope, cut by the filters. */
export function exportStores(staff: Pick<StaffProfile, 'brandId' | 'scope'>, brandStores: readonly Store[], query: ResponsesExportQuery): Store[] {
  let stores = brandStores.filter((s) => inScope(staff, s));
  if (query.region !== undefined) {
    const region = query.region;
    if (!brandStores.some((s) => s.region === region)) throw unknownId('region', region);
    stores = stores.filter((s) => s.region === region);
    if (!stores.length) throw outOfScope('region', region);
  }
  if (query.store !== undefined) {
    const store = brandStores.find((s) => s.storeId === query.store);
    if (!store) throw unknownId('store', query.store);
    if (!inScope(staff, store)) throw outOfScope('store', store.storeId);
    stores = stores.filter((s) => s.storeId === store.storeId);
    if (!stores.length) throw badRequest('the store is not in the chosen region', [{ path: ['query', 'store'], message: `not in region ${query.region}` }]);
  }
  if (query.staff !== undefined) {
    const staffId = query.staff;
    const theirs = brandStores.filter((s) => s.staffIds.includes(staffId));
    if (!theirs.length) throw unknownId('staff', staffId);
    if (!theirs.some((s) => inScope(staff, s))) throw outOfScope('staff', staffId);
    stores = stores.filter((s) => s.staffIds.includes(staffId));
    if (!stores.length) throw badRequest('the staff member works in none of the chosen stores', [{ path: ['query', 'staff'], message: 'not in the chosen region or store' }]);
  }
  return stores;
}

/** Today in a time zone, as `YYYY-MM-DD` (the default period ends on the stores' today). */
export const dayIn = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A response's CSV line; the phone (sealed on the response) only ever leaves masked. */
export function responseLine(response: ExportedResponse): string {
  return exportLine(response, response.phoneSealed === undefined ? undefined : maskPhone(decrypt(response.phoneSealed)));
}

/**
 * The CSV as chunks: the BOM and header, then one chunk per Query page (≤ EXPORT_PAGE_SIZE rows).
 * A chunk is produced only when the consumer asks for the next one, so at most one page is held
 * whatever the export's size.
 */
export async function* responsesCsv(brandId: string, stores: readonly Store[], period: Period, filter: ExportRowFilter): AsyncGenerator<string> {
  yield CSV_HEAD;
  for (const store of stores) {
    for await (const page of storeResponsePages(brandId, store.storeId, period.from, period.to, filter)) {
      yield page.map(responseLine).join('');
    }
  }
}

export interface ResponsesExport {
  period: Period;
  stores: Store[];
  chunks: AsyncGenerator<string>;
}

/** Checks role, period and scope (throwing the one right error), then hands back the export's chunks, not yet read. */
export async function openResponsesExport(staff: StaffProfile, query: ResponsesExportQuery, now: Date): Promise<ResponsesExport> {
  if (!mayReadInsight(staff.role)) throw forbiddenRole();
  const stores = exportStores(staff, (await listStores(staff.brandId)) ?? [], query);
  const period = queryPeriod(query, dayIn(now, stores[0]?.timeZone ?? DEFAULT_TIME_ZONE));
  if ('message' in period) throw badRequest(`${period.path[0]} is invalid`, [{ path: ['query', ...period.path], message: period.message }]);
  const filter: ExportRowFilter = { ...(query.staff !== undefined ? { staffId: query.staff } : {}), ...(query.touchpoint ? { touchpoint: query.touchpoint } : {}) };
  return { period, stores, chunks: responsesCsv(staff.brandId, stores, period, filter) };
}
