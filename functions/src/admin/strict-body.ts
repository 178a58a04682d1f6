import { unknownKeys } from '@xinsheng/shared';
import { z } from 'zod';
import { badRequest } from '../lib/errors';
import { parseBody, rawBody, type HttpEvent } from '../lib/http';

/**
 * The body through its schema (400 naming each bad field), and then strictly: a key the schema does
 * not know, at any depth, is a 400 naming it too, rather than a setting silently dropped.
 */
export function parseStrictBody<S extends z.core.$ZodType>(event: HttpEvent, schema: S): z.infer<S> {
  const parsed = parseBody(event, schema);
  const unknown = unknownKeys(JSON.parse(rawBody(event)), parsed, ['body']);
  if (unknown.length) throw badRequest('the body has unknown fields', unknown);
  return parsed;
}
