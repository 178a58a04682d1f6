import type { Locale, ScoreBand } from '@xinsheng/shared'

/** Every fixed text the survey page shows; survey-specific texts come from the survey definition. */
export interface SurveyTexts {
  locale: Locale
  /** Navigation bar / document title. */
  title: string
  /** The one-line context under the store name. */
  context: (storeName: string) => string
  loading: string
  reasonsHint: string
  csatCaptions: readonly [string, string, string, string, string]
  commentLabel: string
  commentCounter: (length: number, max: number) => string
  submit: string
  submitting: string
  chooseScoreFirst: string
  pending: { title: string; body: string; retryNow: string }
  thankYou: Record<ScoreBand, string>
  callback: (slaHours: number | undefined) => string
  alreadyAnswered: string
  notify: { ask: string; accepted: string; rejected: string; unavailable: string }
  /** The thank-you opened from the callback notice (the store has reached the customer or resolved their feedback). */
  followedUp: string
  states: Record<'expired' | 'notYours' | 'invalidLink' | 'network' | 'server' | 'unsupported', { title: string; body: string }>
  retry: string
  /** "Don't invite me again" on the thank-you and an answered or expired invitation (survey/ui/opt-out.tsx). */
  optOut: { ask: string; question: string; confirm: string; cancel: string; done: string; failed: string }
  errors: {
    npsRequired: string
    csatRequired: string
    reasonNotOffered: string
    commentTooLong: (max: number) => string
    invalid: string
  }
}
