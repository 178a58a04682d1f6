import { ApiError } from '../../common/api-error'
import { staffErrorMessage, type StaffTexts } from './i18n'

/**
 * What to tell an admin about a failed call. A 400 or 409 carries the server's message and, for a
 * form, each field it names (`field: message`, from the zod issue paths), so the admin sees what to
 * fix; everything else as the workbench says it (network, role, busy).
 */
export function adminErrorMessage(error: unknown, texts: StaffTexts): string {
  if (error instanceof ApiError && error.kind === 'http' && (error.status === 400 || error.status === 409)) {
    const fields = error.details.filter((d) => d.path.length > 0).map((d) => `${d.path.join('.')}: ${d.message}`)
    return fields.length ? `${error.message} (${fields.join('; ')})` : error.message
  }
  return staffErrorMessage(error, texts)
}
