// Serves the portal's static export (frontend/out) as S3 + CloudFront would: `/x/` → `/x/index.html`,
// a missing page → 404.html. Paths are confined to the export folder.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function servePortal(root: string, pathname: string, res: ServerResponse): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/';
  }
  const base = normalize(root + sep);
  const target = normalize(join(root, decoded));
  const candidates =
    target.startsWith(base) || `${target}${sep}` === base
      ? [target, join(target, 'index.html'), `${target}.html`]
      : [];
  for (const candidate of candidates) {
    if (await isFile(candidate)) return send(res, 200, candidate);
  }
  const notFound = join(root, '404.html');
  if (await isFile(notFound)) return send(res, 404, notFound);
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(
    (await isFile(join(root, 'index.html')))
      ? 'Not found'
      : 'The portal is not built yet: run `npm run build:portal` (npm start does it for you).',
  );
}

function send(res: ServerResponse, status: number, path: string) {
  res.writeHead(status, {
    'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
    'Cache-Control': path.includes(`${sep}_next${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(path).pipe(res);
}
