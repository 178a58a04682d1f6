import type { Locale } from '@xinsheng/shared'
import type { JsonCaller } from '../../../common/http-json'
import type { StaffSession } from '../../model/staff-session'

/** What the console hands each section. */
export interface AdminSectionProps {
  session: StaffSession
  locale: Locale
  lang?: string
  /** JSON over HTTP to the API (common/http-json.ts). */
  caller: JsonCaller
  /**
   * Runs a call with the admin's token; a 401 (ended or disabled session) clears the session, sends
   * the admin to the login page and rejects with SignedOutError (model/auth.ts: withStaffToken).
   */
  withToken<T>(fn: (token: string) => Promise<T>): Promise<T>
  /** What to tell the admin about a failed call (the server's message for a 400/409, else its kind). */
  describeError(error: unknown): string
}
