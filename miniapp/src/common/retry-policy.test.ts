import { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry-policy'

const noJitter = () => 0.5 // 2·0.5 − 1 = 0

describe('retryDelayMs', () => {
  it('doubles from one second and stops at thirty', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map((n) => retryDelayMs(n, DEFAULT_RETRY_POLICY, noJitter))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ])
  })

  it('spreads retries by at most ±20 %', () => {
    expect(retryDelayMs(3, DEFAULT_RETRY_POLICY, () => 0)).toBe(3_200)
    expect(retryDelayMs(3, DEFAULT_RETRY_POLICY, () => 0.999999)).toBe(4_800)
  })

  it('never retries sooner than the server asked (Retry-After)', () => {
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, noJitter, 10_000)).toBe(10_000)
    expect(retryDelayMs(6, DEFAULT_RETRY_POLICY, noJitter, 10_000)).toBe(30_000)
  })
})
