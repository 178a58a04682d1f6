import { ZBrandSettings, ZBrandSettingsUpdate } from '@xinsheng/shared';
import { json } from '../lib/http';
import { adminHandler } from './admin-auth';
import { parseStrictBody } from './strict-body';
import { updateBrand } from './brand-service';

/** PUT /v1/admin/brand — any of the sections (each replaced whole); in effect on every instance within 30 s. */
export const handler = adminHandler(async (event, admin) => {
  const update = parseStrictBody(event, ZBrandSettingsUpdate);
  return json(200, ZBrandSettings.parse(await updateBrand(admin, update)));
});
