import * as z from 'zod/mini';
import { ZIsoDateTime } from './common';
import { ZInvitationToken } from './api';
import { ZCallbackNoticeState } from './callback-notice';

/** POST /v1/callback-notice: "this consumer accepted the callback template for this answer". */
export const ZCallbackNoticeRequest = z.strictObject({
  invitationToken: ZInvitationToken,
  /** Made once per tap on the device: a retried report with it is the same grant. */
  clientGrantId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, _ or -')),
});
export type CallbackNoticeRequest = z.infer<typeof ZCallbackNoticeRequest>;

/** The stored grant (main table, next to its task: `TASK#<responseId>` / `CALLBACK_GRANT`). The openid stays sealed. */
export const ZCallbackGrant = z.object({
  responseId: z.string(),
  invitationId: z.string(),
  brandId: z.string(),
  clientGrantId: z.string(),
  templateId: z.string(),
  openidHash: z.string(),
  openidSealed: z.string(),
  state: ZCallbackNoticeState,
  grantedAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
  /** Send rounds tried so far (a round is the WeChat client's own retries of a busy answer). */
  attempts: z.number().check(z.int(), z.minimum(0)),
  /** What the task event was: the first reached attempt, or the resolve. */
  trigger: z.optional(z.enum(['reached', 'resolved'])),
  msgid: z.optional(z.string()),
  errcode: z.optional(z.number().check(z.int())),
  error: z.optional(z.string()),
});
export type CallbackGrant = z.infer<typeof ZCallbackGrant>;
