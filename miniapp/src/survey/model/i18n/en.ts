import type { SurveyTexts } from './texts'

export const en: SurveyTexts = {
  locale: 'en',
  title: 'Xinsheng',
  context: (storeName) => `Your recent visit to ${storeName}`,
  loading: 'Loading…',
  reasonsHint: 'Choose any that apply',
  csatCaptions: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  commentLabel: 'Anything else you would like to tell us? (optional)',
  commentCounter: (length, max) => `${length}/${max}`,
  submit: 'Submit',
  submitting: 'Submitting…',
  chooseScoreFirst: 'Choose a score from 0 to 10 first',
  pending: {
    title: 'No connection',
    body: 'Your answers are saved on this phone and will be sent when the network is back.',
    retryNow: 'Try now',
  },
  thankYou: {
    promoter: 'Thank you for recommending us! We look forward to seeing you again.',
    passive: 'Thank you for your feedback. We will keep improving.',
    detractor: 'We are sorry we let you down this time.',
  },
  callback: (slaHours) =>
    slaHours
      ? `The store manager will call you within ${slaHours} business hours to put things right.`
      : 'The store manager will call you soon to put things right.',
  alreadyAnswered: 'You have already answered this survey; there is nothing more to do.',
  notify: {
    ask: 'Notify me about the call',
    accepted: 'Done: we will notify you in WeChat about the call.',
    rejected: 'Notifications are off. The store will still call you.',
    unavailable: 'Notifications are not available here. The store will still call you.',
  },
  followedUp: 'The store has followed up on your feedback. Thank you for your patience.',
  states: {
    expired: { title: 'This survey has expired', body: 'The time to answer this survey is over. Thank you for your interest.' },
    notYours: { title: 'This survey is not for this account', body: 'Please open it in the WeChat account that received the invitation.' },
    invalidLink: { title: 'Invalid link', body: 'Please open the survey again from the service notice, the text message or the QR code on your receipt.' },
    network: { title: 'No connection', body: 'Please check your network and try again.' },
    server: { title: 'Service busy', body: 'Please try again in a moment.' },
    unsupported: { title: 'Please open in WeChat', body: 'This survey has to be answered in WeChat.' },
  },
  retry: 'Try again',
  optOut: {
    ask: "Don't invite me again",
    question: 'Stop receiving satisfaction surveys from this brand?',
    confirm: 'Yes, stop inviting me',
    cancel: 'Cancel',
    done: 'Done: you will not be invited to surveys from this brand again.',
    failed: 'Invitations could not be turned off. Please check your network and try again.',
  },
  errors: {
    npsRequired: 'Choose a score from 0 to 10',
    csatRequired: 'Please rate your experience',
    reasonNotOffered: 'Please choose the reasons again',
    commentTooLong: (max) => `At most ${max} characters`,
    invalid: 'Something in the answer is not valid; please check it and try again',
  },
}
