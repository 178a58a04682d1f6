import * as z from 'zod/mini';

/**
 * The callback notice (issue 10 §4): a detractor who accepted WeChat's one-time subscription for the
 * callback template gets one subscribe message when the agent first reaches them or resolves the
 * task. The mini-program reports the grant; the server keeps it with the task and spends it once.
 * Only what the mini-program parses is here; the request and the stored grant (parsed by the server
 * alone) are in callback-grant.ts, a module the main package never loads.
 */

/**
 * Where a grant stands: `granted` (kept, waiting for the first reached attempt or the resolve),
 * `sending` (spent: the message is on its way), `sent`, `refused` (WeChat's 43101: no quota left
 * at WeChat; spent), `failed` (spent: the send failed in a way a retry cannot fix, or ran out of rounds).
 */
export const ZCallbackNoticeState = z.enum(['granted', 'sending', 'sent', 'refused', 'failed']);
export type CallbackNoticeState = z.infer<typeof ZCallbackNoticeState>;

export const ZCallbackNoticeResult = z.object({ notice: ZCallbackNoticeState });
export type CallbackNoticeResult = z.infer<typeof ZCallbackNoticeResult>;
