// The local runtime's HTTP front door: /api/* through the same group handlers as the Lambdas
// (via the API Gateway event adapter; sign-in, POST /api/v1/auth/token, is a route like any
// other), the local issuer's JWKS, and the portal's static files for everything else.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { API_ROUTES, type ApiGroup } from '../functions/contract/routes';
import { NotFound, PayloadTooLarge } from '../functions/domain/errors';
import type { GroupHandler } from '../functions/handlers/api/group-handler';
import { problemResponse, toProblem } from '../functions/handlers/api/middleware/problem-details';
import { compileRoutes, matchRoute, rawPathOf, toApiEvent, writeApiResponse } from './http-api-adapter';
import type { LocalIssuer } from './identity/local-issuer';
import { servePortal } from './portal-files';

const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

export interface ApiServerOptions {
  handlers: Record<ApiGroup, GroupHandler>;
  issuer: LocalIssuer;
  portalDir: string;
  /** Extra handlers tried before the portal (e.g. the agent protocol), returning true when they answered. */
  extra?: ((req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer) => Promise<boolean>)[];
}

export function createApiListener(options: ApiServerOptions): RequestListener {
  const compiled = compileRoutes(API_ROUTES);
  return async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = await readBody(req);
      if (url.pathname === '/.well-known/jwks.json') return json(res, 200, options.issuer.jwks);
      for (const extra of options.extra ?? []) if (await extra(req, res, url, body)) return;
      // Either form counts: `/api/x/../../portal` is still an API request, answered 404 below.
      const rawPath = rawPathOf(req);
      if (isApiPath(rawPath) || isApiPath(url.pathname)) {
        const match = matchRoute(compiled, req.method ?? 'GET', rawPath);
        if (match.kind === 'not-found')
          return writeApiResponse(res, problemResponse(toProblem(new NotFound('No such API path'))));
        if (match.kind === 'method-not-allowed') {
          return writeApiResponse(
            res,
            problemResponse(
              {
                type: 'about:blank',
                title: 'Method not allowed',
                status: 405,
                code: 'MethodNotAllowed',
                detail: `${req.method} is not allowed here; use ${match.allow.join(', ')}`,
              },
              { Allow: match.allow.join(', ') },
            ),
          );
        }
        const result = await options.handlers[match.route.group](toApiEvent(req, url, body, match), {});
        return writeApiResponse(res, result);
      }
      await servePortal(options.portalDir, url.pathname, res);
    } catch (err) {
      if (!res.headersSent)
        writeApiResponse(
          res,
          problemResponse(toProblem(err), err instanceof PayloadTooLarge ? { Connection: 'close' } : {}),
        );
      else res.end();
    }
  };
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        // Answer 413 rather than cut the socket (the client would see a reset, not the reason);
        // the rest of the body is discarded, and the connection closed after the answer.
        reject(new PayloadTooLarge(`The request is larger than ${MAX_REQUEST_BYTES} bytes`));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
