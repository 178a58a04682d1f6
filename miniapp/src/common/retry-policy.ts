export interface RetryPolicy {
  /** Delay before the first retry. */
  baseMs: number
  factor: number
  maxMs: number
  /** ± share of the delay randomised, so that many phones coming back online do not retry in step. */
  jitter: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 1_000, factor: 2, maxMs: 30_000, jitter: 0.2 }

/**
 * Exponential back-off: attempt 1 waits ≈ baseMs, attempt 2 ≈ baseMs·factor, … capped at maxMs.
 * A server's Retry-After is a floor.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random, retryAfterMs?: number): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * policy.factor ** Math.max(0, attempt - 1))
  const jittered = exponential * (1 + policy.jitter * (2 * random() - 1))
  return Math.round(Math.max(jittered, retryAfterMs ?? 0))
}
