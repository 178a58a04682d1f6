import { ZAdminStaffPage } from '@xinsheng/shared';
import { z } from 'zod';
import { json, parseWith } from '../lib/http';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { queryStaffPage, staffListPartition } from '../data/staff-repo';
import { adminHandler } from './admin-auth';
import { staffView } from './staff-service';

const ZStaffQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});

/** GET /v1/admin/staff — the brand's accounts by username, one Query page per call, no password hashes. */
export const handler = adminHandler(async (event, admin) => {
  const query = parseWith(event.queryStringParameters ?? {}, ZStaffQuery, ['query']);
  const startKey = decodeCursor(query.cursor, { gsi1pk: staffListPartition(admin.brandId) }, ['pk', 'sk', 'gsi1sk']);
  const page = await queryStaffPage(admin.brandId, query.limit, startKey);
  return json(200, ZAdminStaffPage.parse({ items: page.items.map(staffView), nextCursor: encodeCursor(page.lastKey) }));
});
