import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * A fault-injecting, capacity-metering HTTP proxy in front of DynamoDB Local, for tests and the
 * benchmark only. It asks for ReturnConsumedCapacity on every call and sums what DynamoDB reports
 * (`GET /_capacity`; `POST /_capacity` reads and resets), in all and per caller: the app id the SDK
 * puts in its User-Agent (`AWS_SDK_UA_APP_ID`, which serverless.yml gives the functions: `API_CALLER`
 * under serverless-offline, while the stack's stream consumers send none), so a test can tell a request's own writes from what the stream consumers write meanwhile). Control faults with
 * `POST /_faults {mode, rate, operations}`:
 * - `throttle`: answer ProvisionedThroughputExceededException instead of forwarding;
 * - `lose-response`: forward (the write happens) and then cut the connection, as a timeout would;
 * - `stall`: forward (the write happens) and never answer, as an engine that stopped responding: the
 *   client's own request timeout has to end the wait.
 * `rate` is the share of matching calls that fail; `operations` the X-Amz-Target operations hit.
 */
export interface FaultSettings {
  mode: 'none' | 'throttle' | 'lose-response' | 'stall';
  rate: number;
  operations: string[];
}

export interface Capacity {
  read: number;
  write: number;
}

export interface CapacityTotals extends Capacity {
  /** The same, per caller: the SDK's app id (`app/<id>` in its User-Agent), `other` without one. */
  callers: Record<string, Capacity>;
}

/** The app id the functions send (serverless.yml's AWS_SDK_UA_APP_ID), as the meter files them. */
export const API_CALLER = 'xinsheng';

export interface FaultProxy {
  endpoint: string;
  stats: { forwarded: number; throttled: number; lost: number; stalled: number; capacity: CapacityTotals };
  stop(): Promise<void>;
}

/** Operations that can report the capacity they consumed. */
const METERED = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems']);

/** Asks DynamoDB to report consumed capacity (ReturnConsumedCapacity: TOTAL) on every metered call. */
function withCapacityReport(operation: string, body: Buffer): Buffer {
  if (!METERED.has(operation) || body.length === 0) return body;
  const request = JSON.parse(body.toString()) as Record<string, unknown>;
  if (request.ReturnConsumedCapacity === undefined) request.ReturnConsumedCapacity = 'TOTAL';
  return Buffer.from(JSON.stringify(request));
}

const READS = new Set(['GetItem', 'Query', 'BatchGetItem', 'TransactGetItems']);

/** With TOTAL, DynamoDB reports CapacityUnits per table: read or write units by the operation. */
function addCapacity(totals: CapacityTotals, caller: string, operation: string, body: Buffer): void {
  try {
    const parsed = JSON.parse(body.toString()) as { ConsumedCapacity?: unknown };
    const entries = Array.isArray(parsed.ConsumedCapacity) ? parsed.ConsumedCapacity : parsed.ConsumedCapacity ? [parsed.ConsumedCapacity] : [];
    const kind = READS.has(operation) ? 'read' : 'write';
    for (const entry of entries as { CapacityUnits?: number }[]) {
      totals[kind] += entry.CapacityUnits ?? 0;
      (totals.callers[caller] ??= { read: 0, write: 0 })[kind] += entry.CapacityUnits ?? 0;
    }
  } catch {
    /* not JSON: nothing to count */
  }
}

const noCapacity = (): CapacityTotals => ({ read: 0, write: 0, callers: {} });
const callerOf = (req: IncomingMessage) => /(?:^|\s)app\/(\S+)/.exec(String(req.headers['user-agent'] ?? ''))?.[1] ?? 'other';

const NO_FAULTS: FaultSettings = { mode: 'none', rate: 0, operations: [] };

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function startDynamoDbFaultProxy(options: { port: number; target: string; random?: () => number }): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = options.random ?? Math.random;
  let settings: FaultSettings = NO_FAULTS;
  const stats = { forwarded: 0, throttled: 0, lost: 0, stalled: 0, capacity: noCapacity() };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    if (req.url === '/_capacity') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats.capacity));
      if (req.method === 'POST') stats.capacity = noCapacity();
      return;
    }
    if (req.url === '/_faults') {
      if (req.method === 'POST') settings = { ...NO_FAULTS, ...(JSON.parse(body.toString() || '{}') as Partial<FaultSettings>) };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ settings, stats }));
      return;
    }
    const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    const hit = settings.mode !== 'none' && settings.operations.includes(operation) && random() < settings.rate;
    if (hit && settings.mode === 'throttle') {
      stats.throttled++;
      res
        .writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `fault-${Date.now()}` })
        .end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'injected throttling' }));
      return;
    }
    const forwarded = withCapacityReport(operation, body);
    const upstream = httpRequest(
      { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, 'content-length': String(forwarded.length) } },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          stats.forwarded++;
          addCapacity(stats.capacity, callerOf(req), operation, Buffer.concat(chunks));
          if (hit && settings.mode === 'lose-response') {
            stats.lost++;
            req.socket.destroy();
            return;
          }
          if (hit && settings.mode === 'stall') {
            stats.stalled++;
            return;
          }
          res.writeHead(up.statusCode ?? 500, up.headers).end(Buffer.concat(chunks));
        });
      },
    );
    upstream.on('error', () => req.socket.destroy());
    upstream.end(forwarded);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () =>
      resolve({
        endpoint: `http://127.0.0.1:${options.port}`,
        stats,
        stop: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      }),
    );
  });
}

/** Reads the capacity consumed since the last read, and starts counting afresh. */
export async function takeConsumedCapacity(proxyEndpoint: string): Promise<CapacityTotals> {
  const res = await fetch(`${proxyEndpoint}/_capacity`, { method: 'POST' });
  return (await res.json()) as CapacityTotals;
}

/** What the API functions alone consumed since the last read (the meter starts afresh for everyone). */
export async function takeApiCapacity(proxyEndpoint: string): Promise<Capacity> {
  return (await takeConsumedCapacity(proxyEndpoint)).callers[API_CALLER] ?? { read: 0, write: 0 };
}

/** Sets the faults of a running proxy (from a test, over HTTP). */
export async function setDynamoDbFaults(proxyEndpoint: string, settings: Partial<FaultSettings>): Promise<void> {
  const res = await fetch(`${proxyEndpoint}/_faults`, { method: 'POST', body: JSON.stringify(settings) });
  if (!res.ok) throw new Error(`fault proxy answered ${res.status}`);
}
