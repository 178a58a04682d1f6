import { ApiError } from '../../common/api-error'

/**
 * Field errors of an admin form (the survey draft, the brand's settings), keyed by the field's path
 * as the shared schema names it (`contactPolicy.fatigueDays`, `reasons.promoter.2.label.en`): the
 * client's own check and the server's 400 land in the same place, beside the input. No Taro here.
 */
export type FieldErrors = Record<string, string>

export interface PathIssue {
  path: readonly PropertyKey[]
  message: string
}

export const fieldKey = (path: readonly PropertyKey[]): string => path.map(String).join('.')

/** The first message for each path (a form-level issue, with an empty path, under `''`). */
export function fieldErrorsFrom(issues: readonly PathIssue[]): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of issues) {
    const key = fieldKey(issue.path)
    if (!(key in out)) out[key] = issue.message
  }
  return out
}

/**
 * The fields a 400 names (its details' paths under `body`), or undefined when the error is not one:
 * the caller then says what happened as a whole.
 */
export function apiFieldErrors(error: unknown): FieldErrors | undefined {
  if (!(error instanceof ApiError) || error.kind !== 'http' || error.status !== 400) return undefined
  const inBody = error.details.filter((d) => d.path[0] === 'body').map((d) => ({ path: d.path.slice(1), message: d.message }))
  return inBody.length ? fieldErrorsFrom(inBody) : undefined
}

/** The errors at `prefix` and under it (a form section's), e.g. `contactPolicy` → its fields. */
export function errorsUnder(errors: FieldErrors, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([key]) => key === prefix || key.startsWith(`${prefix}.`))
    .map(([, message]) => message)
}
