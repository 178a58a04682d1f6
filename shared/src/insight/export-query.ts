import * as z from 'zod/mini';
import { ZInsightQuery } from '../schemas/insight';

/**
 * The query of GET /v1/exports/responses.csv: the insight API's common query (DESIGN.md "Insight →
 * API": `from`, `to`, `region`, `store`, `staff`, `touchpoint`; the period checked by `parseRange`)
 * without `groupBy` — rows are not grouped — and strict, so a misspelt filter is a 400, not a
 * silently larger file.
 */
export const ZResponsesExportQuery = z.strictObject(z.omit(ZInsightQuery, { groupBy: true }).shape);
export type ResponsesExportQuery = z.infer<typeof ZResponsesExportQuery>;
