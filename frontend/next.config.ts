// The portal is a static export: S3+CloudFront serve `frontend/out` in AWS and the local runtime
// serves it at `/`; the API is always same-origin under `/api/v1` (CloudFront forwards `/api/*`).
// The portal imports the API's zod schemas from `functions/domain`, outside this folder, so
// Turbopack's root is the repository root.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const base: NextConfig = {
  // `/farm/` → `/farm/index.html`: what S3 website and plain static servers find without rewrites.
  trailingSlash: true,
  images: { unoptimized: true },
  turbopack: { root: repoRoot },
  reactStrictMode: true,
  poweredByHeader: false,
};

export default function config(phase: string): NextConfig {
  if (phase === PHASE_DEVELOPMENT_SERVER) {
    // `npx next dev frontend` proxies the API to a running local runtime (`npm start`), so the
    // portal keeps calling same-origin `/api/v1` as it does when exported. Rewrites exist only
    // in dev: a static export has no server to run them.
    const api = process.env.DROVER_API_ORIGIN ?? 'http://127.0.0.1:3000';
    return {
      ...base,
      // Otherwise `trailingSlash` redirects `/api/v1/auth/token` to `…/token/` before the rewrite.
      skipTrailingSlashRedirect: true,
      async rewrites() {
        return [{ source: '/api/:path*', destination: `${api}/api/:path*` }];
      },
    };
  }
  return { ...base, output: 'export' };
}
