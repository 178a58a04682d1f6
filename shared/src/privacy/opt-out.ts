// The consumer's opt-out, POST /v1/opt-out ("不再邀请我", issue 10 §3). Apart from the admin's privacy
// schemas (schemas.ts): the survey's main package loads this module alone, and schemas.ts builds its
// admin schemas at load time (checks, refinements), ≈ 5.8 KB the consumer never uses.
import * as z from 'zod/mini';
import { ZInvitationToken } from '../schemas/api';

export const ZOptOutRequest = z.strictObject({ invitationToken: ZInvitationToken });
export type OptOutRequest = z.infer<typeof ZOptOutRequest>;

export const ZOptOutResult = z.object({ optedOut: z.literal(true) });
export type OptOutResult = z.infer<typeof ZOptOutResult>;
