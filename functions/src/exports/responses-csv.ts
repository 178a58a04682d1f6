import { CSV_HEAD, exportLine, maskPhone, mayReadInsight, parseRange, type DayRange, type ResponsesExportQuery, type StaffProfile, type Store } from '@xinsheng/shared';
import { DomainError, badRequest } from '../lib/errors';
import { decrypt } from '../lib/crypto';
import { listStores } from '../data/catalog-repo';
import { storeResponsePages, type ExportRowFilter, type ExportedResponse } from '../data/responses-export-repo';
import { selectRows } from '../insight/selection';

/**
 * GET /v1/exports/responses.csv: every response of the period in the caller's scope, as CSV, one
 * store after the other (each in day order). Role, period and scope are the metrics' own
 * (`parseRange`, `selectRows`, the role rule `mayReadInsight`): a staff member sees the stores of their
 * regions and their own stores; an explicit filter outside that scope is a 403, an id the brand does
 * not have a 404. Touchpoint is a row filter here (the metrics' "no staff × touchpoint counters"
 * does not apply to rows), so it is left out of the store selection.
 */

/** The stores whose responses the export holds: the caller's scope, cut by region, store and staff. */
export function exportStores(staff: StaffProfile, brandStores: readonly Store[], query: ResponsesExportQuery): Store[] {
  const { region, store, staff: staffId } = query;
  return selectRows(staff, brandStores, { region, store, staff: staffId }).stores;
}

/**
 * The metrics' 403 for an agent (insight/metrics-service.ts has the same; importing that module would
 * bundle the metrics readers and the theme tools into this function's zip).
 */
const forbiddenInsightRole = () => new DomainError(403, 'forbidden_role', 'your role may not read the insight figures');

/** The stores' time zone (a brand's stores share one in practice), for the default period's today. */
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
export async function* responsesCsv(brandId: string, stores: readonly Store[], period: DayRange, filter: ExportRowFilter): AsyncGenerator<string> {
  yield CSV_HEAD;
  for (const store of stores) {
    for await (const page of storeResponsePages(brandId, store.storeId, period.from, period.to, filter)) {
      yield page.map(responseLine).join('');
    }
  }
}

export interface ResponsesExport {
  period: DayRange;
  stores: Store[];
  chunks: AsyncGenerator<string>;
}

/** Checks role, period and scope (throwing the one right error), then hands back the export's chunks, not yet read. */
export async function openResponsesExport(staff: StaffProfile, query: ResponsesExportQuery, now: Date): Promise<ResponsesExport> {
  if (!mayReadInsight(staff.role)) throw forbiddenInsightRole();
  const brandStores = (await listStores(staff.brandId)) ?? [];
  const range = parseRange(query, now, brandStores[0]?.timeZone ?? DEFAULT_TIME_ZONE);
  if (!range.ok) throw badRequest(`query.${range.field} is invalid`, [{ path: ['query', range.field], message: range.message }]);
  const period = range.range;
  const stores = exportStores(staff, brandStores, query);
  const filter: ExportRowFilter = { ...(query.staff !== undefined ? { staffId: query.staff } : {}), ...(query.touchpoint ? { touchpoint: query.touchpoint } : {}) };
  return { period, stores, chunks: responsesCsv(staff.brandId, stores, period, filter) };
}
