import { httpHandler, json } from '../lib/http';
import { buildOpenApiDocument } from './document';

const document = buildOpenApiDocument();

/** GET /v1/openapi.json */
export const handler = httpHandler(async () => json(200, document, { 'cache-control': 'public, max-age=300' }));
