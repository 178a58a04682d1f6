import type { Locale } from '@xinsheng/shared'
import { ApiError } from '../../../common/api-error'
import { staffEn } from './en'
import type { StaffErrorKey, StaffTexts } from './texts'
import { staffZhCN } from './zh-CN'

export { ROOT_CAUSES, type RootCause, type StaffTexts } from './texts'

/** The workbench's texts. Kept apart from the survey's so the consumer's main package does not carry them. */
export function staffTextsFor(locale: Locale): StaffTexts {
  return locale === 'en' ? staffEn : staffZhCN
}

const KNOWN: readonly StaffErrorKey[] = ['already_claimed', 'already_resolved', 'not_claimed', 'not_assignee', 'not_resolved', 'no_phone', 'conflict', 'forbidden_role', 'not_found']

/** What to tell a staff member about a failed call: the server's named conflict, else the kind of failure. */
export function staffErrorMessage(error: unknown, texts: StaffTexts): string {
  if (!(error instanceof ApiError)) return texts.errors.server
  if (error.kind === 'network') return texts.errors.network
  if (error.code && (KNOWN as readonly string[]).includes(error.code)) return texts.errors[error.code as StaffErrorKey]
  if (error.status === 404) return texts.errors.not_found
  if (error.status === 403) return texts.errors.forbidden_role
  if (error.status === 409) return texts.errors.conflict
  if (error.status === 400) return texts.errors.invalid_request
  return texts.errors.server
}
