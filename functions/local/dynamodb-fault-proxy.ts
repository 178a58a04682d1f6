import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * A fault-injecting HTTP proxy in front of DynamoDB Local, for tests only. Control it with
 * `POST /_faults {mode, rate, operations}`:
 * - `throttle`: answer ProvisionedThroughputExceededException instead of forwarding;
 * - `lose-response`: forward (the write happens) and then cut the connection, as a timeout would.
 * `rate` is the share of matching calls that fail; `operations` the X-Amz-Target operations hit.
 */
export interface FaultSettings {
  mode: 'none' | 'throttle' | 'lose-response';
  rate: number;
  operations: string[];
}

export interface FaultProxy {
  endpoint: string;
  stats: { forwarded: number; throttled: number; lost: number };
  stop(): Promise<void>;
}

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
  const stats = { forwarded: 0, throttled: 0, lost: 0 };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
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
    const upstream = httpRequest(
      { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          stats.forwarded++;
          if (hit && settings.mode === 'lose-response') {
            stats.lost++;
            req.socket.destroy();
            return;
          }
          res.writeHead(up.statusCode ?? 500, up.headers).end(Buffer.concat(chunks));
        });
      },
    );
    upstream.on('error', () => req.socket.destroy());
    upstream.end(body);
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

/** Sets the faults of a running proxy (from a test, over HTTP). */
export async function setDynamoDbFaults(proxyEndpoint: string, settings: Partial<FaultSettings>): Promise<void> {
  const res = await fetch(`${proxyEndpoint}/_faults`, { method: 'POST', body: JSON.stringify(settings) });
  if (!res.ok) throw new Error(`fault proxy answered ${res.status}`);
}
