/**
 * WeChat's errcodes that we act on, named once. The WeCom group robot answers in the same
 * `{errcode, errmsg}` form and shares the general ones (-1, 45009).
 */
export const WECHAT_ERRCODE = {
  SYSTEM_BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_ACCESS_TOKEN: 40014,
  ACCESS_TOKEN_EXPIRED: 42001,
  INVALID_CODE: 40029,
  CODE_USED: 40163,
  /** jscode2session refuses a login WeChat rates as high-risk. */
  RISKY_LOGIN: 40226,
  DAILY_QUOTA: 45009,
  MINUTE_QUOTA: 45011,
  /** WeCom: too many calls at once (a robot takes 20 messages a minute). */
  CONCURRENCY_LIMIT: 45033,
  USER_REFUSED: 43101,
  INVALID_TEMPLATE_DATA: 47003,
  INVALID_QUERY: 40212,
  INVALID_EXPIRE: 85401,
} as const;

const E = WECHAT_ERRCODE;

/** The access token was refused: refresh it and try once more. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([E.INVALID_CREDENTIAL, E.INVALID_ACCESS_TOKEN, E.ACCESS_TOKEN_EXPIRED]);

/** Busy or out of quota: waiting is the remedy, for as long as this says (seconds). */
export const BUSY_RETRY_AFTER_SECONDS: ReadonlyMap<number, number> = new Map([
  [E.SYSTEM_BUSY, 2],
  [E.DAILY_QUOTA, 60],
  [E.MINUTE_QUOTA, 10],
]);

/** The wx.login code is unknown, used already, or refused (the session handler's 401). */
export const INVALID_LOGIN_ERRCODES: ReadonlySet<number> = new Set([E.INVALID_CODE, E.CODE_USED, E.RISKY_LOGIN]);

/** What the WeCom robot retries: system busy, quota, concurrency. */
export const WECOM_RETRYABLE_ERRCODES: ReadonlySet<number> = new Set([E.SYSTEM_BUSY, E.DAILY_QUOTA, E.CONCURRENCY_LIMIT]);
