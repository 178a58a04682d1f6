import { ZAuditPage } from '@xinsheng/shared';
import { z } from 'zod';
import { json, parseWith } from '../lib/http';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { auditPartition, queryAudit } from '../data/audit-repo';
import { adminHandler } from './admin-auth';

/** Re-exported for the other admin routes: what they call to record a change (see audit-repo). */
export { auditPut, recordAudit, type AuditInput } from '../data/audit-repo';

const ZAuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});

/** GET /v1/admin/audit — the brand's audit log, newest first, one Query page per call. */
export const handler = adminHandler(async (event, admin) => {
  const query = parseWith(event.queryStringParameters ?? {}, ZAuditQuery, ['query']);
  const startKey = decodeCursor(query.cursor, { pk: auditPartition(admin.brandId) }, ['sk']);
  const page = await queryAudit(admin.brandId, query.limit, startKey);
  return json(200, ZAuditPage.parse({ items: page.items, nextCursor: encodeCursor(page.lastKey) }));
});
