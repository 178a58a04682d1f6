import { ZStoreCreateRequest, ZStoreUpdateRequest, type StoreCreateRequest, type StoreUpdateRequest, type StoreView } from '@xinsheng/shared'
import * as z from 'zod/mini'
import { ApiError } from '../../common/api-error'

/**
 * The store form (create and edit) as plain strings, turned into a request body through the shared
 * schemas (ZStoreCreateRequest / ZStoreUpdateRequest), and errors — the form's own or the server's
 * 400 — laid out by field, so each shows beside its field. No Taro here.
 */

export type QuietMode = 'inherit' | 'none' | 'set'

export interface StoreForm {
  storeId: string
  name: string
  region: string
  timeZone: string
  /** Ids separated by spaces, commas or semicolons. */
  staffIds: string
  /** Each empty = the brand's setting. */
  sendDelayMinutes: string
  fatigueDays: string
  invitationTtlDays: string
  quietMode: QuietMode
  quietStart: string
  quietEnd: string
}

/** The fields an error can sit beside; anything else is said above the form. */
export const STORE_FORM_FIELDS = ['storeId', 'name', 'region', 'timeZone', 'staffIds', 'policy.sendDelayMinutes', 'policy.fatigueDays', 'policy.invitationTtlDays', 'policy.quietHours'] as const
export type StoreFormField = (typeof STORE_FORM_FIELDS)[number]

export const emptyStoreForm = (): StoreForm => ({
  storeId: '',
  name: '',
  region: '',
  timeZone: 'Asia/Shanghai',
  staffIds: '',
  sendDelayMinutes: '',
  fatigueDays: '',
  invitationTtlDays: '',
  quietMode: 'inherit',
  quietStart: '',
  quietEnd: '',
})

/** The form filled with a store as listed. */
export function storeToForm(store: StoreView): StoreForm {
  const number = (v: number | undefined) => (v === undefined ? '' : String(v))
  const quiet = store.policy.quietHours
  return {
    storeId: store.storeId,
    name: store.name,
    region: store.region,
    timeZone: store.timeZone,
    staffIds: store.staffIds.join(' '),
    sendDelayMinutes: number(store.policy.sendDelayMinutes),
    fatigueDays: number(store.policy.fatigueDays),
    invitationTtlDays: number(store.policy.invitationTtlDays),
    quietMode: quiet === undefined ? 'inherit' : quiet === null ? 'none' : 'set',
    quietStart: quiet ? quiet.start : '',
    quietEnd: quiet ? quiet.end : '',
  }
}

export interface FieldErrors<F extends string> {
  /** Field → what is wrong with it (the first issue per field). */
  fields: Partial<Record<F, string>>
  /** Issues that belong to no field of the form (said above it). */
  other: string[]
}

/**
 * Issues (zod's, or a 400's `details`) by the form's field: an issue belongs to the longest field
 * name its path starts with (`policy.quietHours.start` → `policy.quietHours`; `staffIds.2` →
 * `staffIds`); `alias` maps other paths onto a field (a scope error on `stores` → `scope`). A
 * leading `body` (the server's paths) is dropped.
 */
export function fieldErrors<F extends string>(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  fields: readonly F[],
  alias: Partial<Record<string, F>> = {},
): FieldErrors<F> {
  const out: FieldErrors<F> = { fields: {}, other: [] }
  for (const issue of issues) {
    const path = issue.path.map(String)
    if (path[0] === 'body') path.shift()
    let field: F | undefined
    for (let n = path.length; n > 0 && !field; n--) {
      const name = path.slice(0, n).join('.')
      field = fields.find((f) => f === name) ?? alias[name]
    }
    if (!field) out.other.push(path.length ? `${path.join('.')}: ${issue.message}` : issue.message)
    else out.fields[field] ??= issue.message
  }
  return out
}

/** A failed call's 400 laid out by field; undefined for any other failure (said as the console says it). */
export function apiFieldErrors<F extends string>(error: unknown, fields: readonly F[], alias: Partial<Record<string, F>> = {}): FieldErrors<F> | undefined {
  if (!(error instanceof ApiError) || error.kind !== 'http' || error.status !== 400) return undefined
  const laidOut = fieldErrors(error.details, fields, alias)
  return Object.keys(laidOut.fields).length ? laidOut : undefined
}

/** Ids typed in one box: separated by spaces, commas, semicolons or bars. */
export const splitIds = (text: string): string[] => text.split(/[\s,;|，；]+/).filter(Boolean)

/** A whole number as typed, or the text itself when it is not one (so the schema names the field). */
function numberOrText(text: string): number | string | undefined {
  const t = text.trim()
  if (t === '') return undefined
  return /^-?\d+$/.test(t) ? Number(t) : t
}

function policyOf(form: StoreForm) {
  const policy = {
    sendDelayMinutes: numberOrText(form.sendDelayMinutes),
    fatigueDays: numberOrText(form.fatigueDays),
    invitationTtlDays: numberOrText(form.invitationTtlDays),
    quietHours: form.quietMode === 'inherit' ? undefined : form.quietMode === 'none' ? null : { start: form.quietStart.trim(), end: form.quietEnd.trim() },
  }
  return Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined))
}

export type FormResult<B, F extends string> = { ok: true; body: B } | { ok: false; errors: FieldErrors<F> }

/** `notANumber` replaces zod's "expected number" on the policy's number fields (typed as text). */
function checked<B, F extends string>(parsed: { success: true; data: B } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[] } }, fields: readonly F[], notANumber: string): FormResult<B, F> {
  if (parsed.success) return { ok: true, body: parsed.data }
  const issues = parsed.error.issues.map((issue) => (issue.code === 'invalid_type' && issue.path[0] === 'policy' && issue.path[1] !== 'quietHours' ? { ...issue, message: notANumber } : issue))
  return { ok: false, errors: fieldErrors(issues, fields) }
}

/** POST /v1/admin/stores's body from the form, or the errors by field. */
export function storeCreateBody(form: StoreForm, notANumber: string): FormResult<StoreCreateRequest, StoreFormField> {
  const candidate = { storeId: form.storeId.trim(), name: form.name, region: form.region.trim(), timeZone: form.timeZone.trim(), staffIds: splitIds(form.staffIds), policy: policyOf(form) }
  return checked(z.safeParse(ZStoreCreateRequest, candidate), STORE_FORM_FIELDS, notANumber)
}

/** PUT /v1/admin/stores/{storeId}'s body: every field as the form shows it (the overrides replaced whole). */
export function storeUpdateBody(form: StoreForm, notANumber: string): FormResult<StoreUpdateRequest, StoreFormField> {
  const candidate = { name: form.name, region: form.region.trim(), timeZone: form.timeZone.trim(), staffIds: splitIds(form.staffIds), policy: policyOf(form) }
  return checked(z.safeParse(ZStoreUpdateRequest, candidate), STORE_FORM_FIELDS, notANumber)
}
