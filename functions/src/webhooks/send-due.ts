import http from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { nextWebhookAttemptAt, type DeliveryAttempt, type WebhookEndpoint } from '@xinsheng/shared';
import { config } from '../lib/config';
import { decrypt } from '../lib/crypto';
import { logger } from '../lib/logger';
import { claimDelivery, queryDueDeliveries, readWebhook, recordAttempt, type AttemptOutcome, type DueDelivery } from '../data/webhooks-repo';
import { EndpointRefused, checkEndpoint, type CheckedEndpoint, type GuardOptions } from './address-guard';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook } from './signature';

/**
 * The webhook sender: takes due deliveries from the sparse due index (one Query, no Scan), claims each
 * for one attempt (conditional update: two senders never send the same attempt), POSTs it — every
 * endpoint at once, each call cut at 10 s, so a hanging receiver holds up nobody else — records the
 * attempt and schedules the retry (shared `nextWebhookAttemptAt`: ≈ 5 s, 30 s, 2 min, 10 min, 1 h,
 * then hourly, with jitter) or marks it delivered or, 24 h after it was queued, dead.
 *
 * In AWS it runs every minute and polls for most of that minute (`handler`), so a new delivery goes
 * out within about `XS_WEBHOOK_POLL_MS`; locally the stack runs the same loop (`startSenderLoop`).
 */

export const SEND_TIMEOUT_MS = 10_000;
/** A claimed delivery is due again after this long if its sender died mid-attempt (> the timeout). */
export const LEASE_MS = 60_000;

export interface SenderDeps {
  now: () => Date;
  random: () => number;
  timeoutMs?: number;
  /** Endpoint checks (the local stage allows loopback). */
  guard?: GuardOptions;
  /** Deliveries read per pass. */
  limit?: number;
}

export const defaultSenderDeps = (): SenderDeps => ({
  now: () => new Date(),
  random: Math.random,
  guard: { allowLoopback: config.XS_STAGE === 'local' },
});

interface PostResult {
  statusCode: number | null;
  error: string | null;
}

/** One POST to the address the guard checked (the host name still names the TLS certificate and the Host header). */
function postTo(endpoint: CheckedEndpoint, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostResult> {
  const transport = endpoint.url.protocol === 'https:' ? https : http;
  const pinned = (_host: string, options: { all?: boolean }, done: (...args: unknown[]) => void) =>
    options.all ? done(null, [{ address: endpoint.address, family: endpoint.family } satisfies LookupAddress]) : done(null, endpoint.address, endpoint.family);
  return new Promise((resolve) => {
    const request = transport.request(
      endpoint.url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Xinsheng-Webhooks/1', ...headers },
        lookup: pinned as never,
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        // Only the status counts; the body is not read (a receiver cannot make us hold its bytes).
        resolve({ statusCode: response.statusCode ?? null, error: null });
        response.destroy();
      },
    );
    request.on('error', (error) => {
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
      resolve({ statusCode: null, error: timedOut ? `no answer within ${timeoutMs} ms` : `no answer: ${(error as NodeJS.ErrnoException).code ?? error.name}` });
    });
    request.end(body);
  });
}

/** The secrets that sign now: the current one, and the previous one during its grace period (after a rotation). */
function signingSecrets(endpoint: WebhookEndpoint, now: Date): string[] {
  const secrets = [decrypt(endpoint.secretSealed)];
  if (endpoint.previousSecretSealed && endpoint.previousSecretUntil && new Date(endpoint.previousSecretUntil) > now) secrets.push(decrypt(endpoint.previousSecretSealed));
  return secrets;
}

export type AttemptResult = 'delivered' | 'retry' | 'dead' | 'lost_claim';

function afterFailure(delivery: DueDelivery, deps: SenderDeps): AttemptOutcome {
  const next = nextWebhookAttemptAt({ queuedAt: new Date(delivery.createdAt), failedAttempts: delivery.attempts.length + 1, now: deps.now(), random: deps.random() });
  return next ? { state: 'pending', nextAttemptAt: next } : { state: 'dead' };
}

/** One claimed attempt of one delivery. */
async function attempt(delivery: DueDelivery, endpoint: WebhookEndpoint | undefined, deps: SenderDeps): Promise<AttemptResult> {
  const leaseId = randomUUID();
  if (!(await claimDelivery(delivery, leaseId, new Date(deps.now().getTime() + LEASE_MS)))) return 'lost_claim';
  const at = deps.now();
  const record = async (result: Omit<DeliveryAttempt, 'at'>, outcome: AttemptOutcome) => {
    await recordAttempt(delivery, leaseId, { at: at.toISOString(), ...result }, outcome);
    return outcome.state === 'pending' ? 'retry' : outcome.state;
  };
  if (!endpoint || endpoint.brandId !== delivery.brandId) return record({ statusCode: null, latencyMs: 0, error: 'endpoint deleted' }, { state: 'dead' });
  let checked: CheckedEndpoint;
  try {
    checked = await checkEndpoint(endpoint.url, deps.guard ?? { allowLoopback: false });
  } catch (error) {
    if (!(error instanceof EndpointRefused)) throw error;
    return record({ statusCode: null, latencyMs: 0, error: `refused: ${error.message}` }, afterFailure(delivery, deps));
  }
  const headers = {
    [EVENT_HEADER]: delivery.event,
    [DELIVERY_HEADER]: delivery.deliveryId,
    [SIGNATURE_HEADER]: signWebhook(delivery.body, signingSecrets(endpoint, at), at),
  };
  const started = performance.now();
  const posted = await postTo(checked, delivery.body, headers, deps.timeoutMs ?? SEND_TIMEOUT_MS);
  const latencyMs = Math.round(performance.now() - started);
  const ok = posted.statusCode !== null && posted.statusCode >= 200 && posted.statusCode < 300;
  const error = ok ? null : (posted.error ?? `HTTP ${posted.statusCode}`);
  logger.info('webhook attempt', { deliveryId: delivery.deliveryId, webhookId: delivery.webhookId, statusCode: posted.statusCode, latencyMs });
  return record({ statusCode: posted.statusCode, latencyMs, error }, ok ? { state: 'delivered' } : afterFailure(delivery, deps));
}

/**
 * One pass: the due deliveries, grouped by endpoint; endpoints in parallel, each endpoint's deliveries
 * in order. Resolves when every attempt of the pass has ended (at most the timeout after it began).
 */
export async function sendDueDeliveries(deps: SenderDeps): Promise<AttemptResult[]> {
  const due = await queryDueDeliveries(deps.now(), deps.limit ?? 50);
  const byEndpoint = new Map<string, DueDelivery[]>();
  for (const delivery of due) byEndpoint.set(delivery.webhookId, [...(byEndpoint.get(delivery.webhookId) ?? []), delivery]);
  const results = await Promise.all(
    [...byEndpoint].map(async ([webhookId, deliveries]) => {
      const endpoint = await readWebhook(webhookId);
      const out: AttemptResult[] = [];
      for (const delivery of deliveries) {
        try {
          out.push(await attempt(delivery, endpoint, deps));
        } catch (error) {
          // Its lease runs out and it is due again; the others go on.
          logger.error('webhook attempt failed', { deliveryId: delivery.deliveryId, error: error as Error });
        }
      }
      return out;
    }),
  );
  return results.flat();
}

/**
 * Runs a pass every `everyMs` without waiting for the previous one (a pass stuck on a hanging receiver
 * must not hold up the next pass's other endpoints; the claims keep passes from sending one attempt
 * twice). `stop()` waits for the passes in flight.
 */
export function startSenderLoop(deps: SenderDeps, everyMs: number): { stop(): Promise<void> } {
  const inFlight = new Set<Promise<unknown>>();
  const tick = () => {
    if (inFlight.size >= 20) return;
    const pass = sendDueDeliveries(deps)
      .catch((error) => logger.error('webhook pass failed', { error: error as Error }))
      .finally(() => inFlight.delete(pass));
    inFlight.add(pass);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** Lambda, every minute: polls for ~50 s (every 2 s), then lets its passes finish (timeout 70 s in serverless.yml). */
export const handler = async (): Promise<void> => {
  const loop = startSenderLoop(defaultSenderDeps(), 2_000);
  await new Promise((resolve) => setTimeout(resolve, 50_000));
  await loop.stop();
};
