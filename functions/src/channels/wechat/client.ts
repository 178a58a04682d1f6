import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { keys } from '../data/keys';
import { config } from '../lib/config';
import { decrypt, encrypt } from '../lib/crypto';
import { db, isConditionalCheckFailed, TABLES } from '../lib/dynamo';
import { unauthorized, unavailable } from '../lib/errors';
import { logger } from '../lib/logger';
import type { TemplateData } from './template-data';

/* ───────────────────────────── errors ───────────────────────────── */

/** WeChat's errcodes that callers act on. */
export const WECHAT_ERRCODE = {
  SYSTEM_BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_ACCESS_TOKEN: 40014,
  ACCESS_TOKEN_EXPIRED: 42001,
  INVALID_CODE: 40029,
  CODE_USED: 40163,
  DAILY_QUOTA: 45009,
  MINUTE_QUOTA: 45011,
  USER_REFUSED: 43101,
  INVALID_TEMPLATE_DATA: 47003,
  INVALID_QUERY: 40212,
  INVALID_EXPIRE: 85401,
} as const;

const TOKEN_ERRCODES = new Set<number>([40001, 40014, 42001]);
const BUSY_ERRCODES = new Set<number>([-1, 45009, 45011]);
const INVALID_LOGIN_CODES = new Set<number>([40029, 40163, 40226]);

/**
 * The one error family of the WeChat client. `errcode` is WeChat's; a call that got no usable
 * answer (timeout, network, HTTP status, not JSON) has errcode −1 like WeChat's own "system busy"
 * and `transport: true`. `retryAfterSeconds` is set when waiting is the remedy (busy, quota).
 */
export class WeChatApiError extends Error {
  readonly retryAfterSeconds?: number;
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly api: string,
    options: { transport?: boolean; cause?: unknown } = {},
  ) {
    super(`WeChat ${api}: ${errcode} ${errmsg}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WeChatApiError';
    this.transport = options.transport ?? false;
    if (BUSY_ERRCODES.has(errcode)) this.retryAfterSeconds = errcode === 45009 ? 60 : errcode === 45011 ? 10 : 2;
  }
  readonly transport: boolean;
  /** -1, 45009, 45011 or no answer: worth retrying later. */
  get busy(): boolean {
    return BUSY_ERRCODES.has(this.errcode);
  }
}

/** 40029 / 40163: the wx.login code is unknown or was used already (the session handler's 401). */
export const isInvalidLoginCode = (error: unknown): error is WeChatApiError =>
  error instanceof WeChatApiError && INVALID_LOGIN_CODES.has(error.errcode);

/** 43101: the user has no one-time subscription left for the template (fall back to SMS). */
export const isSubscriptionRefused = (error: unknown): error is WeChatApiError =>
  error instanceof WeChatApiError && error.errcode === WECHAT_ERRCODE.USER_REFUSED;

/**
 * What a handler should throw for a WeChat failure: 401 for a bad login code, 503 with
 * Retry-After when WeChat is busy or out of quota; anything else unchanged (a plain 500).
 */
export function toDomainError(error: unknown): unknown {
  if (!(error instanceof WeChatApiError)) return error;
  if (INVALID_LOGIN_CODES.has(error.errcode)) return unauthorized('the login code is invalid or was used already');
  if (error.busy) return unavailable(error.retryAfterSeconds ?? 2);
  return error;
}

/* ──────────────────────────── token store ─────────────────────────── */

export interface CachedToken {
  accessToken: string;
  /** Epoch ms when WeChat stops accepting it. */
  expiresAt: number;
  /** Epoch ms after which a caller should refresh it (before it expires). */
  refreshAfter: number;
}

/**
 * Where function instances share the access token. A refresh is done by whoever holds the
 * lease; the others keep using the still-valid token or wait briefly for the new one, so a
 * crowd of cold starts costs one stable_token call, not one each.
 */
export interface TokenStore {
  read(appId: string): Promise<CachedToken | undefined>;
  /** Takes the refresh lease unless someone else holds an unexpired one. */
  acquireLease(appId: string, holder: string, now: number, leaseMs: number): Promise<boolean>;
  /** Saves a token and drops `holder`'s lease; refused (false) if a newer token is already stored. */
  save(appId: string, token: CachedToken, holder: string): Promise<boolean>;
  releaseLease(appId: string, holder: string): Promise<void>;
}

/** The main table's item keys.wechatToken(appId); the token is sealed at rest like other secrets. */
export class DynamoTokenStore implements TokenStore {
  constructor(
    private readonly client: DynamoDBDocumentClient = db,
    private readonly tableName: string = TABLES.main,
  ) {}

  async read(appId: string): Promise<CachedToken | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.wechatToken(appId), ConsistentRead: true }));
    if (!Item || typeof Item.tokenSealed !== 'string') return undefined;
    return { accessToken: decrypt(Item.tokenSealed), expiresAt: Number(Item.expiresAt), refreshAfter: Number(Item.refreshAfter) };
  }

  async acquireLease(appId: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.wechatToken(appId),
          UpdateExpression: 'SET leaseHolder = :holder, leaseUntil = :until, #ttl = if_not_exists(#ttl, :ttl)',
          ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil < :now',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':holder': holder, ':until': now + leaseMs, ':now': now, ':ttl': Math.floor(now / 1000) + 86_400 },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async save(appId: string, token: CachedToken, holder: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.wechatToken(appId),
          UpdateExpression:
            'SET tokenSealed = :token, expiresAt = :exp, refreshAfter = :refresh, savedAt = :saved, #ttl = :ttl REMOVE leaseHolder, leaseUntil',
          ConditionExpression: 'attribute_not_exists(expiresAt) OR expiresAt < :exp OR leaseHolder = :holder',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':token': encrypt(token.accessToken),
            ':exp': token.expiresAt,
            ':refresh': token.refreshAfter,
            ':saved': new Date().toISOString(),
            ':ttl': Math.floor(token.expiresAt / 1000) + 86_400,
            ':holder': holder,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async releaseLease(appId: string, holder: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.wechatToken(appId),
          UpdateExpression: 'REMOVE leaseHolder, leaseUntil',
          ConditionExpression: 'leaseHolder = :holder',
          ExpressionAttributeValues: { ':holder': holder },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}

/** A process-local store, for tests and scripts that run without DynamoDB. */
export class MemoryTokenStore implements TokenStore {
  private readonly items = new Map<string, { token?: CachedToken; leaseHolder?: string; leaseUntil?: number }>();
  async read(appId: string) {
    const token = this.items.get(appId)?.token;
    return token ? { ...token } : undefined;
  }
  async acquireLease(appId: string, holder: string, now: number, leaseMs: number) {
    const item = this.items.get(appId) ?? {};
    if (item.leaseUntil !== undefined && item.leaseUntil >= now) return false;
    this.items.set(appId, { ...item, leaseHolder: holder, leaseUntil: now + leaseMs });
    return true;
  }
  async save(appId: string, token: CachedToken, holder: string) {
    const item = this.items.get(appId) ?? {};
    if (item.token && item.token.expiresAt >= token.expiresAt && item.leaseHolder !== holder) return false;
    this.items.set(appId, { token: { ...token } });
    return true;
  }
  async releaseLease(appId: string, holder: string) {
    const item = this.items.get(appId);
    if (item?.leaseHolder === holder) this.items.set(appId, { token: item.token });
  }
}

/* ─────────────────────────────── client ────────────────────────────── */

const ZErr = z.object({ errcode: z.number().optional(), errmsg: z.string().optional() });
const ZStableToken = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const ZSession = z.object({ openid: z.string().min(1), session_key: z.string().min(1), unionid: z.string().optional() });
const ZSendResult = z.object({ msgid: z.union([z.number(), z.string()]).optional() });
const ZUrlLink = z.object({ url_link: z.string().min(1) });

export type WeChatSession = z.infer<typeof ZSession>;
export type MiniProgramState = 'developer' | 'trial' | 'formal';
export type EnvVersion = 'release' | 'trial' | 'develop';

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  /** The mini-program page opened from the notice, with its query, e.g. `pages/survey/index?inv=…`. */
  page?: string;
  data: TemplateData;
  miniprogram_state?: MiniProgramState;
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export interface UrlLinkRequest {
  /** A published page, without query; empty opens the home page. */
  path: string;
  query: string;
  /** 1–30 days (WeChat's limit for an expiring link). */
  expireIntervalDays: number;
  envVersion?: EnvVersion;
}

export const URL_LINK_MAX_QUERY = 1024;
export const URL_LINK_MAX_DAYS = 30;

export interface WeChatClientOptions {
  baseUrl: string;
  appId: string;
  secret: string;
  tokenStore: TokenStore;
  fetch?: typeof fetch;
  /** Epoch milliseconds. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Per request, including reading the body. */
  timeoutMs?: number;
  /** Refresh this long before expiry (capped at half the token's lifetime). */
  refreshMarginMs?: number;
  /** Attempts for a busy answer (-1, 45009, 45011), the first included. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** How long a refresher holds the lease, and how long others wait for its token before refreshing themselves. */
  leaseMs?: number;
  leaseWaitMs?: number;
  envVersion?: EnvVersion;
}

interface CallSpec {
  api: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Needs `access_token` in the query (retried once after a token refresh on 40001/42001). */
  auth: boolean;
  /** Safe to repeat when no answer came back (a timed-out send may have been delivered). */
  idempotent: boolean;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class WeChatClient {
  readonly appId: string;
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  private readonly refreshMarginMs: number;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly backoffCapMs: number;
  private readonly leaseMs: number;
  private readonly leaseWaitMs: number;
  private readonly envVersion: EnvVersion;
  private memo?: CachedToken;
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(private readonly options: WeChatClientOptions) {
    this.appId = options.appId;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleepFor;
    this.random = options.random ?? Math.random;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.backoffBaseMs = options.backoffBaseMs ?? 200;
    this.backoffCapMs = options.backoffCapMs ?? 2000;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.leaseWaitMs = options.leaseWaitMs ?? 3000;
    this.envVersion = options.envVersion ?? 'release';
  }

  /* ── access token ── */

  /**
   * A valid access token: this instance's memo, else the shared one in the store, else a new
   * one from stable_token. `stale` is a token WeChat just refused: never return it again.
   */
  async getAccessToken(options: { stale?: string } = {}): Promise<string> {
    const memo = this.memo;
    if (memo && memo.accessToken !== options.stale && this.now() < memo.refreshAfter) return memo.accessToken;
    const key = options.stale ?? '';
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.obtainToken(options.stale).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  /** The token if it may still be used (until its refresh time or its expiry) and is not the refused one. */
  private usable(token: CachedToken | undefined, stale: string | undefined, until: 'refresh' | 'expiry'): CachedToken | undefined {
    if (!token || token.accessToken === stale) return undefined;
    return this.now() < (until === 'refresh' ? token.refreshAfter : token.expiresAt) ? token : undefined;
  }

  private remember(token: CachedToken): string {
    this.memo = token;
    return token.accessToken;
  }

  private async obtainToken(stale: string | undefined): Promise<string> {
    const store = this.options.tokenStore;
    const stored = await store.read(this.appId);
    const fresh = this.usable(stored, stale, 'refresh');
    if (fresh) return this.remember(fresh);

    const holder = randomUUID();
    if (await store.acquireLease(this.appId, holder, this.now(), this.leaseMs)) {
      let saved = false;
      try {
        // Someone may have refreshed between our read and the lease.
        const latest = this.usable(await store.read(this.appId), stale, 'refresh');
        if (latest) return this.remember(latest);
        const renewed = await this.fetchStableToken(stale);
        saved = await store.save(this.appId, renewed, holder);
        if (!saved) {
          const newer = this.usable(await store.read(this.appId), stale, 'expiry');
          if (newer) return this.remember(newer);
        }
        return this.remember(renewed);
      } finally {
        if (!saved) await store.releaseLease(this.appId, holder).catch((error: unknown) => logger.warn('token lease release failed', { error }));
      }
    }

    // Another instance is refreshing: the current token stays good until it expires.
    const current = this.usable(stored, stale, 'expiry');
    if (current) {
      this.memo = { ...current, refreshAfter: Math.min(current.expiresAt, this.now() + 1000) };
      return current.accessToken;
    }
    // Counted in steps rather than read off the clock, which tests may hold still.
    for (let waited = 0; waited < this.leaseWaitMs; waited += 100) {
      await this.sleep(100);
      const arrived = this.usable(await store.read(this.appId), stale, 'expiry');
      if (arrived) return this.remember(arrived);
    }
    // The lease holder is slow or gone: refresh ourselves; the conditional save keeps the newest.
    const renewed = await this.fetchStableToken(stale);
    await store.save(this.appId, renewed, holder);
    return this.remember(renewed);
  }

  /**
   * Normal mode first: it returns WeChat's current token (renewed by WeChat in its last 5 minutes)
   * without invalidating what other instances hold. Force mode (20 a day, 30 s apart) only when
   * normal mode hands back the very token WeChat refused.
   */
  private async fetchStableToken(refused: string | undefined): Promise<CachedToken> {
    let answer = await this.stableToken(false);
    if (refused !== undefined && answer.access_token === refused) answer = await this.stableToken(true);
    const now = this.now();
    const lifetime = answer.expires_in * 1000;
    const margin = Math.min(this.refreshMarginMs, lifetime / 2);
    return { accessToken: answer.access_token, expiresAt: now + lifetime, refreshAfter: now + lifetime - margin };
  }

  private stableToken(forceRefresh: boolean) {
    return this.call(
      {
        api: 'stable_token',
        method: 'POST',
        path: '/cgi-bin/stable_token',
        body: { grant_type: 'client_credential', appid: this.appId, secret: this.options.secret, force_refresh: forceRefresh },
        auth: false,
        idempotent: !forceRefresh,
      },
      ZStableToken,
    );
  }

  /* ── APIs ── */

  /** wx.login's code → openid and session key (never send these to the client). */
  code2Session(code: string): Promise<WeChatSession> {
    return this.call(
      {
        api: 'jscode2session',
        method: 'GET',
        path: '/sns/jscode2session',
        query: { appid: this.appId, secret: this.options.secret, js_code: code, grant_type: 'authorization_code' },
        auth: false,
        idempotent: false, // a code works once: repeating a call whose answer was lost only yields 40163
      },
      ZSession,
    );
  }

  /** One-time subscribe message; 43101 (no quota) and 47003 (bad data) surface as WeChatApiError. */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<{ msgid?: string }> {
    const result = await this.call(
      {
        api: 'subscribeMessage.send',
        method: 'POST',
        path: '/cgi-bin/message/subscribe/send',
        body: { miniprogram_state: MINIPROGRAM_STATE[this.envVersion], lang: 'zh_CN', ...message },
        auth: true,
        idempotent: false, // a lost answer may hide a delivered message: never send it twice
      },
      ZSendResult,
    );
    return result.msgid === undefined ? {} : { msgid: String(result.msgid) };
  }

  /** An expiring URL link that opens the mini-program page from outside WeChat (SMS). */
  async generateUrlLink(request: UrlLinkRequest): Promise<string> {
    if (request.query.length > URL_LINK_MAX_QUERY) throw new RangeError(`url link query is ${request.query.length} characters; WeChat allows ${URL_LINK_MAX_QUERY}`);
    if (!Number.isInteger(request.expireIntervalDays) || request.expireIntervalDays < 1 || request.expireIntervalDays > URL_LINK_MAX_DAYS) {
      throw new RangeError(`url link expiry must be 1–${URL_LINK_MAX_DAYS} whole days, not ${request.expireIntervalDays}`);
    }
    if (request.path.includes('?')) throw new RangeError('url link path must not carry a query; pass it as query');
    const result = await this.call(
      {
        api: 'generate_urllink',
        method: 'POST',
        path: '/wxa/generate_urllink',
        body: {
          path: request.path,
          query: request.query,
          env_version: request.envVersion ?? this.envVersion,
          is_expire: true,
          expire_type: 1,
          expire_interval: request.expireIntervalDays,
        },
        auth: true,
        idempotent: true, // a second link for the same page is harmless
      },
      ZUrlLink,
    );
    return result.url_link;
  }

  /* ── transport ── */

  private backoff(attempt: number): number {
    return Math.round(this.random() * Math.min(this.backoffCapMs, this.backoffBaseMs * 2 ** attempt));
  }

  private async call<S extends z.ZodType>(spec: CallSpec, schema: S): Promise<z.infer<S>> {
    let refreshed = false;
    for (let attempt = 0; ; ) {
      const token = spec.auth ? await this.getAccessToken() : undefined;
      try {
        return await this.once(spec, schema, token);
      } catch (error) {
        if (!(error instanceof WeChatApiError)) throw error;
        if (token !== undefined && TOKEN_ERRCODES.has(error.errcode) && !refreshed) {
          refreshed = true;
          logger.info('wechat token refused; refreshing', { api: spec.api, errcode: error.errcode });
          await this.getAccessToken({ stale: token });
          continue;
        }
        const retryable = error.busy && (!error.transport || spec.idempotent);
        if (retryable && attempt + 1 < this.maxAttempts) {
          const delay = this.backoff(attempt++);
          logger.info('wechat busy; backing off', { api: spec.api, errcode: error.errcode, attempt, delay });
          await this.sleep(delay);
          continue;
        }
        throw error;
      }
    }
  }

  private async once<S extends z.ZodType>(spec: CallSpec, schema: S, token: string | undefined): Promise<z.infer<S>> {
    const query = new URLSearchParams({ ...(token ? { access_token: token } : {}), ...spec.query });
    const qs = query.toString();
    const url = `${this.baseUrl}${spec.path}${qs ? `?${qs}` : ''}`;
    const transport = (what: string, cause?: unknown) => new WeChatApiError(-1, what, spec.api, { transport: true, cause });
    let payload: unknown;
    try {
      const response = await this.fetch(url, {
        method: spec.method,
        ...(spec.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec.body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw transport(`HTTP ${response.status}`);
      }
      payload = await response.json();
    } catch (error) {
      if (error instanceof WeChatApiError) throw error;
      const name = (error as Error)?.name;
      throw transport(name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${this.timeoutMs} ms` : `no answer: ${name}`, error);
    }
    const status = ZErr.safeParse(payload);
    if (status.success && status.data.errcode) throw new WeChatApiError(status.data.errcode, status.data.errmsg ?? '', spec.api);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw transport('unexpected answer');
    return parsed.data;
  }
}

const MINIPROGRAM_STATE: Record<EnvVersion, MiniProgramState> = { release: 'formal', trial: 'trial', develop: 'developer' };

/** A client from the configuration, with the token shared through the main table. */
export function createWeChatClient(overrides: Partial<WeChatClientOptions> = {}): WeChatClient {
  return new WeChatClient({
    baseUrl: config.XS_WECHAT_BASE_URL,
    appId: config.XS_WECHAT_APPID,
    secret: config.XS_WECHAT_SECRET,
    envVersion: config.XS_WXA_ENV_VERSION,
    tokenStore: new DynamoTokenStore(),
    ...overrides,
  });
}

let shared: WeChatClient | undefined;

/** The process's client, built once and reused by every invocation (its token memo with it). */
export function wechatClient(): WeChatClient {
  return (shared ??= createWeChatClient());
}
