import { z } from 'zod';

/** What the outbound channels share about talking to a provider over HTTP. */

export const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Backoff {
  baseMs: number;
  capMs: number;
  random: () => number;
}

/** Full jitter: a wait drawn from 0 to min(cap, base·2^attempt), attempt counted from 0. */
export const backoffDelay = (attempt: number, { baseMs, capMs, random }: Backoff): number =>
  Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));

/** Whether a request failed because its AbortSignal.timeout ran out. */
export function timedOut(error: unknown): boolean {
  const name = error instanceof Error ? error.name : undefined;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** Why a request got no answer, for an error message: the timeout, or the kind of failure. */
export const noAnswer = (error: unknown, timeoutMs: number): string =>
  timedOut(error) ? `no answer within ${timeoutMs} ms` : `no answer: ${error instanceof Error ? error.name : undefined}`;

/**
 * A provider's `{errcode, errmsg}` answer, read leniently: a field of the wrong type counts as
 * missing, and anything that is not an object as an empty answer (the caller decides what that means).
 */
export const providerStatusFields = {
  errcode: z.number().optional().catch(undefined),
  errmsg: z.string().optional().catch(undefined),
};
export const ZProviderStatus = z.object(providerStatusFields).catch({});

/** The body as JSON, or undefined when it is empty or not JSON. */
export async function jsonBody(response: Response): Promise<unknown> {
  const raw = await response.text();
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}
