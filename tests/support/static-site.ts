import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { freePort } from '../../functions/src/local/stack.js';
import { SPA_REWRITE } from '../../infra/lib/web.js';

/**
 * The built web app served the way S3 + CloudFront serve it in AWS: the distribution's own viewer
 * request function (infra/lib/web.ts, run as is) rewrites page paths to /index.html or
 * /s/index.html, files come from the build directory, text is gzip-compressed for viewers that
 * accept it (CloudFront's CachingOptimized policy compresses), and /api goes to the API untouched
 * (its own compression included). Every request is logged with the bytes sent, service worker
 * fetches included, so tests and benchmarks can see exactly what a visit transferred.
 */
export interface StaticSite {
  url: string;
  /** Every request served, in order: path as asked, status, bytes of body sent. */
  log: { path: string; method: string; status: number; bytes: number }[];
  /**
   * While true the site is unreachable, as it is from a phone without a connection: every request
   * has its connection dropped, unanswered and not logged. Browser offline emulation alone does
   * not cover the browser's own service worker update checks.
   */
  offline: boolean;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json)|image\/svg)/;

type Rewrite = (event: { request: { uri: string } }) => { uri: string };
const rewrite = new Function(`${SPA_REWRITE}; return handler;`)() as Rewrite;

/** Serves `root` (web/build) on a free port; `/api` is proxied to `apiUrl` (an http origin). */
export async function serveStaticSite(root: string, apiUrl: string): Promise<StaticSite> {
  const log: StaticSite['log'] = [];
  const api = new URL(apiUrl);
  const port = await freePort();

  const proxy = (req: IncomingMessage, res: ServerResponse, entry: StaticSite['log'][number]) => {
    const headers = { ...req.headers, host: api.host };
    const upstream = httpRequest(
      { host: api.hostname, port: api.port, path: req.url, method: req.method, headers },
      (up) => {
        entry.status = up.statusCode ?? 502;
        res.writeHead(entry.status, up.headers);
        up.on('data', (chunk: Buffer) => {
          entry.bytes += chunk.length;
        });
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      entry.status = 502;
      res.writeHead(502).end();
    });
    req.pipe(upstream);
  };

  const server = createServer(async (req, res) => {
    if (site.offline) {
      req.socket.destroy();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const entry = { path, method: req.method ?? 'GET', status: 0, bytes: 0 };
    log.push(entry);
    const { uri } = rewrite({ request: { uri: path } });
    if (uri === '/api' || uri.startsWith('/api/')) return proxy(req, res, entry);
    const file = resolve(root, `.${decodeURIComponent(uri)}`);
    let body: Buffer;
    try {
      if (!file.startsWith(root + sep)) throw new Error('outside');
      body = await readFile(file);
    } catch {
      // S3 through an origin access control answers a missing key with 403.
      entry.status = 403;
      res.writeHead(403, { 'content-type': 'application/xml' }).end();
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // S3 answers with a Last-Modified and an ETag and, unless told otherwise, no Cache-Control.
    const modified = (await stat(file)).mtime.toUTCString();
    const headers: Record<string, string> = {
      'content-type': type,
      'last-modified': modified,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
    };
    if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    entry.status = 200;
    entry.bytes = body.length;
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
  });
  const site: StaticSite = {
    url: `http://127.0.0.1:${port}`,
    log,
    offline: false,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return site;
}
