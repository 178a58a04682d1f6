import { z } from 'zod';

type AnySchema = z.core.$ZodType & Record<string, unknown>;

/**
 * shared/'s consumer schemas are written with zod/mini (the survey's main package bundles them; see
 * miniapp/README.md). zod-to-openapi 9 reads a few getters that only zod's classic API defines —
 * `meta()`, `format`, `minLength`, `maxLength` — so a mini schema in a tree gets the same read-only
 * getters, computed from the checks' bag as classic computes them, before the generator sees it.
 * Classic schemas are left as they are. The schemas' definitions and parsing do not change.
 */
export function withClassicGetters(root: z.core.$ZodType): z.ZodType {
  const seen = new Set<unknown>();
  const visit = (schema: AnySchema | undefined) => {
    if (!schema || typeof schema !== 'object' || !('_zod' in schema) || seen.has(schema)) return;
    seen.add(schema);
    if (typeof schema.meta !== 'function') {
      const folded = foldChecks(schema);
      Object.defineProperties(schema, {
        meta: { value: () => z.globalRegistry.get(schema) },
        format: { value: folded.format ?? null },
        minLength: { value: folded.minimum ?? null },
        maxLength: { value: folded.maximum ?? null },
      });
    }
    const def = schema._zod.def as unknown as Record<string, unknown>;
    const children = [def.innerType, def.element, def.in, def.out, def.left, def.right, def.catchall, def.valueType, def.keyType]
      .concat((def.options as unknown[]) ?? [], (def.items as unknown[]) ?? [], Object.values((def.shape as object) ?? {}));
    for (const child of children) visit(child as AnySchema);
  };
  visit(root as AnySchema);
  return root as unknown as z.ZodType;
}

/** What classic's getters fold from the checks (zod's aggregateChecks, not exported): the last format, the tightest lengths. */
function foldChecks(schema: z.core.$ZodType): { format?: string; minimum?: number; maximum?: number } {
  const out: { format?: string; minimum?: number; maximum?: number } = {};
  const checks = [...(schema._zod.traits.has('$ZodCheck') ? [schema] : []), ...(schema._zod.def.checks ?? [])];
  for (const check of checks) {
    const def = check._zod.def as unknown as { check: string; format?: string; minimum?: number; maximum?: number; length?: number };
    const min = def.check === 'min_length' ? def.minimum : def.check === 'length_equals' ? def.length : undefined;
    const max = def.check === 'max_length' ? def.maximum : def.check === 'length_equals' ? def.length : undefined;
    if (min !== undefined && (out.minimum === undefined || min > out.minimum)) out.minimum = min;
    if (max !== undefined && (out.maximum === undefined || max < out.maximum)) out.maximum = max;
    if ((def.check === 'string_format' || def.check === 'number_format') && def.format) out.format = def.format;
  }
  return out;
}

/** A named component (`#/components/schemas/<id>`): zod's own metadata (what classic `.meta({ id })` does), so shared/ stays plain zod. */
export function named<S extends z.core.$ZodType>(id: string, schema: S): z.ZodType<z.output<S>> {
  const copy = z.core.clone(schema);
  z.globalRegistry.add(copy, { id });
  return withClassicGetters(copy) as z.ZodType<z.output<S>>;
}
