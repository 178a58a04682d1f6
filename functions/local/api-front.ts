import { createServer, request as httpRequest, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { openStream, writeResult, type StreamingHandle } from '../src/lib/streaming';

/**
 * The local API's front door, on the API port. serverless-offline 13 cannot stream a response (its
 * in-process runner calls every handler as `handler(event, context, callback)` and buffers what it
 * returns), so the streaming routes — in AWS a Function URL in RESPONSE_STREAM mode — are served
 * here by the same `handle` as on Lambda, each chunk written to the socket as it is produced (Node's
 * back-pressure through `pipeline`); every other request is passed through, bytes as they are, to
 * serverless-offline on its own port. One base URL, as in the contract.
 */

export interface StreamingRoute {
  method: 'GET';
  path: string;
  handle: StreamingHandle;
}

export interface ApiFront {
  baseUrl: string;
  stop(): Promise<void>;
}

/** What a Function URL / HTTP API (payload 2.0) hands the function, built from a Node request. */
export function lambdaEvent(req: IncomingMessage, url: URL, routeKey: string): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.search ? { queryStringParameters: query } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'offline',
      apiId: 'local-front',
      domainName: url.host,
      domainPrefix: url.hostname.split('.')[0],
      http: { method: req.method ?? 'GET', path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: `local-${now.getTime()}-${Math.random().toString(36).slice(2, 8)}`,
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
}

const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'content-disposition' };

export async function startApiFront(options: { port: number; upstreamPort: number; routes: StreamingRoute[] }): Promise<ApiFront> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 }) // above the bench's 200 connections: the front never queues what serverless-offline would take;

  async function stream(route: StreamingRoute, req: IncomingMessage, res: ServerResponse, url: URL) {
    const result = await openStream(route.handle, lambdaEvent(req, url, `${route.method} ${route.path}`));
    await writeResult(result, (statusCode, headers) => {
      res.writeHead(statusCode, { ...headers, ...CORS });
      return res;
    });
  }

  function proxy(req: IncomingMessage, res: ServerResponse) {
    const upstream = httpRequest({ host: '127.0.0.1', port: options.upstreamPort, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { code: 'bad_gateway', message: 'the local API is not answering' } }));
    });
    req.pipe(upstream);
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const route = options.routes.find((r) => r.path === url.pathname);
    if (!route) return proxy(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'access-control-allow-methods': route.method, 'access-control-allow-headers': 'authorization, content-type', 'access-control-max-age': '600' });
      return res.end();
    }
    if (req.method !== route.method) {
      res.writeHead(405, { 'content-type': 'application/json; charset=utf-8', allow: route.method });
      return res.end(JSON.stringify({ error: { code: 'method_not_allowed', message: `use ${route.method}` } }));
    }
    // A failure half-way has already been sent a 200: pipeline destroys the socket, so the client
    // sees a broken transfer instead of a short file that looks complete.
    stream(route, req, res, url).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    baseUrl: `http://127.0.0.1:${options.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
