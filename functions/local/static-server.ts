import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map']);

/**
 * Serves a built h5 app the way a CDN would: gzip for text when the browser accepts it, long cache
 * for hashed assets, and index.html for every unknown path (hash router).
 */
export function serveStatic(root: string, port: number): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const gzipped = new Map<string, { mtime: number; body: Buffer }>();
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    const ext = extname(file);
    const headers: Record<string, string> = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
      vary: 'accept-encoding',
    };
    let body: Buffer = readFileSync(file);
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const mtime = statSync(file).mtimeMs;
      const hit = gzipped.get(file);
      const compressed = hit && hit.mtime === mtime ? hit.body : gzipSync(body);
      gzipped.set(file, { mtime, body: compressed });
      body = compressed;
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, { ...headers, 'content-length': String(body.length) }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({ baseUrl: `http://localhost:${port}`, stop: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) }),
    );
  });
}
