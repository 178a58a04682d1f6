/** Writes the OpenAPI document generated from the zod schemas to openapi.json (committed; a test keeps them equal). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../functions/src/openapi/document';

export const OPENAPI_PATH = join(__dirname, '..', 'openapi.json');
export const renderOpenApi = () => `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;

if (require.main === module) {
  writeFileSync(OPENAPI_PATH, renderOpenApi());
  console.log(`wrote ${OPENAPI_PATH}`);
}
