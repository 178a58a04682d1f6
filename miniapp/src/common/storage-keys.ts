/** Every key the mini-program writes to device storage, in one place. */
export const STORAGE_KEYS = {
  /** The consumer session: JSON {token, expiresAt} from POST /v1/session. */
  session: 'xinsheng:session',
  /** h5 local stage only: the random id behind the dev login code `dev-h5-<id>`. */
  devConsumerId: 'xinsheng:dev-consumer-id',
  /** One draft per invitation: JSON, see ZDraft in draft-store.ts. */
  draft: (invitationId: string) => `xinsheng:draft:${invitationId}`,
  /** The workbench's staff session: JSON ZStaffLoginResponse {token, expiresAt, staff} from POST /v1/staff/login. */
  staffSession: 'xinsheng:staff-session',
} as const
