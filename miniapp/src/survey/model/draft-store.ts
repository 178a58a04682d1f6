import { COMMENT_MAX_LENGTH } from '@xinsheng/shared'
import * as z from 'zod/mini'
import type { KeyValueStorage } from '../../common/ports'
import { STORAGE_KEYS } from '../../common/storage-keys'

/**
 * What is kept on the device for one invitation while the consumer answers, so that nothing is
 * lost when the page is closed or the network drops. `pending` means a submit was sent and its
 * outcome is unknown: it must be sent again, unchanged, with the same clientResponseId.
 */
export const ZDraft = z.object({
  version: z.literal(1),
  clientResponseId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
  answers: z.object({
    nps: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(10))),
    csat: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(5))),
    reasons: z.array(z.string()).check(z.maxLength(12)),
    comment: z.string().check(z.maxLength(COMMENT_MAX_LENGTH)),
  }),
  pending: z.boolean(),
  /** Epoch ms of the last change. */
  updatedAt: z.number(),
})
export type Draft = z.infer<typeof ZDraft>
export type DraftAnswers = Draft['answers']

export const EMPTY_ANSWERS: DraftAnswers = { reasons: [], comment: '' }

/** `<invitationId>.<secret>` → invitationId: the key must not hold the secret part. */
export function invitationIdOf(invitationToken: string): string {
  return invitationToken.split('.')[0]
}

export interface DraftStore {
  load(invitationToken: string): Promise<Draft | undefined>
  save(invitationToken: string, draft: Draft): Promise<void>
  remove(invitationToken: string): Promise<void>
}

export function createDraftStore(storage: KeyValueStorage): DraftStore {
  const key = (token: string) => STORAGE_KEYS.draft(invitationIdOf(token))
  return {
    async load(token) {
      const raw = await storage.get(key(token)).catch(() => null)
      if (!raw) return undefined
      try {
        const parsed = ZDraft.safeParse(JSON.parse(raw))
        return parsed.success ? parsed.data : undefined // an unreadable draft is dropped, not fatal
      } catch {
        return undefined
      }
    },
    save: (token, draft) => storage.set(key(token), JSON.stringify(draft)),
    remove: (token) => storage.remove(key(token)),
  }
}
