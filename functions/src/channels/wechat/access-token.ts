import { randomUUID } from 'node:crypto';
import {
  acquireWeChatTokenLease,
  readWeChatToken,
  releaseWeChatTokenLease,
  saveWeChatToken,
  type CachedToken,
} from '../../data/wechat-token-repo';
import { logger } from '../../lib/logger';

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

/** The main table's token item (data/wechat-token-repo). */
export const dynamoTokenStore: TokenStore = {
  read: readWeChatToken,
  acquireLease: acquireWeChatTokenLease,
  save: saveWeChatToken,
  releaseLease: releaseWeChatTokenLease,
};

/** stable_token's answer. */
export interface StableToken {
  access_token: string;
  /** Seconds. */
  expires_in: number;
}

export interface AccessTokensOptions {
  appId: string;
  store: TokenStore;
  /** Calls stable_token, in force mode when `forceRefresh`. */
  stableToken: (forceRefresh: boolean) => Promise<StableToken>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Refresh this long before expiry (capped at half the token's lifetime). */
  refreshMarginMs: number;
  /** How long a refresher holds the lease, and how long others wait for its token before refreshing themselves. */
  leaseMs: number;
  leaseWaitMs: number;
}

/** One client's access token: its in-process memo over the shared store, refreshed under the lease. */
export class AccessTokens {
  private memo?: CachedToken;
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(private readonly options: AccessTokensOptions) {}

  /**
   * A valid access token: this instance's memo, else the shared one in the store, else a new
   * one from stable_token. `stale` is a token WeChat just refused: never return it again.
   */
  async get(options: { stale?: string } = {}): Promise<string> {
    const memo = this.memo;
    if (memo && memo.accessToken !== options.stale && this.options.now() < memo.refreshAfter) return memo.accessToken;
    const key = options.stale ?? '';
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.obtain(options.stale).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  /** The token if it may still be used (until its refresh time or its expiry) and is not the refused one. */
  private usable(token: CachedToken | undefined, stale: string | undefined, until: 'refresh' | 'expiry'): CachedToken | undefined {
    if (!token || token.accessToken === stale) return undefined;
    return this.options.now() < (until === 'refresh' ? token.refreshAfter : token.expiresAt) ? token : undefined;
  }

  private remember(token: CachedToken): string {
    this.memo = token;
    return token.accessToken;
  }

  private async obtain(stale: string | undefined): Promise<string> {
    const { store, appId, now } = this.options;
    const stored = await store.read(appId);
    const fresh = this.usable(stored, stale, 'refresh');
    if (fresh) return this.remember(fresh);

    const holder = randomUUID();
    if (await store.acquireLease(appId, holder, now(), this.options.leaseMs)) {
      let saved = false;
      try {
        // Someone may have refreshed between our read and the lease.
        const latest = this.usable(await store.read(appId), stale, 'refresh');
        if (latest) return this.remember(latest);
        const renewed = await this.renew(stale);
        saved = await store.save(appId, renewed, holder);
        if (!saved) {
          const newer = this.usable(await store.read(appId), stale, 'expiry');
          if (newer) return this.remember(newer);
        }
        return this.remember(renewed);
      } finally {
        if (!saved) await store.releaseLease(appId, holder).catch((error: unknown) => logger.warn('token lease release failed', { error }));
      }
    }

    // Another instance is refreshing: the current token stays good until it expires.
    const current = this.usable(stored, stale, 'expiry');
    if (current) {
      this.memo = { ...current, refreshAfter: Math.min(current.expiresAt, now() + 1000) };
      return current.accessToken;
    }
    // Counted in steps rather than read off the clock, which tests may hold still.
    for (let waited = 0; waited < this.options.leaseWaitMs; waited += 100) {
      await this.options.sleep(100);
      const arrived = this.usable(await store.read(appId), stale, 'expiry');
      if (arrived) return this.remember(arrived);
    }
    // The lease holder is slow or gone: refresh ourselves; the conditional save keeps the newest.
    const renewed = await this.renew(stale);
    await store.save(appId, renewed, holder);
    return this.remember(renewed);
  }

  /**
   * Normal mode first: it returns WeChat's current token (renewed by WeChat in its last 5 minutes)
   * without invalidating what other instances hold. Force mode (20 a day, 30 s apart) only when
   * normal mode hands back the very token WeChat refused.
   */
  private async renew(refused: string | undefined): Promise<CachedToken> {
    let answer = await this.options.stableToken(false);
    if (refused !== undefined && answer.access_token === refused) answer = await this.options.stableToken(true);
    const now = this.options.now();
    const lifetime = answer.expires_in * 1000;
    const margin = Math.min(this.options.refreshMarginMs, lifetime / 2);
    return { accessToken: answer.access_token, expiresAt: now + lifetime, refreshAfter: now + lifetime - margin };
  }
}
