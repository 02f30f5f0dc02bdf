// Bundles drover-agent into one file, dist/agent/drover-agent.mjs (Node 22 built-ins only, no
// node_modules on the server). `npm run build:agent` runs this; the local runtime and the tests
// call ensureAgentBundle() so a fresh checkout works without a build step; the CDK app builds it
// synchronously at synth (buildAgentBundleSync) to publish it with the portal. User data carries
// the bundle's sha256 (agentBundleSha256) and refuses to start a download that differs.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const AGENT_BUNDLE_PATH = join(root, 'dist', 'agent', 'drover-agent.mjs');

const buildOptions = (outfile: string) => ({
  entryPoints: [join(root, 'agent', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node' as const,
  target: 'node22',
  format: 'esm' as const,
  banner: { js: '#!/usr/bin/env node' },
  legalComments: 'none' as const,
  // Every server downloads it at boot: minified it is 19.5 KB instead of 32.9 KB. Names are kept out
  // of it (no keepNames): the agent's errors carry explicit names, nothing reads a class's name.
  minify: true,
  logLevel: 'warning' as const,
});

export async function buildAgentBundle(outfile = AGENT_BUNDLE_PATH): Promise<string> {
  const { build } = await import('esbuild');
  await build(buildOptions(outfile));
  return outfile;
}

/** The same bundle, built synchronously (CDK constructs are built synchronously at synth). */
export function buildAgentBundleSync(outfile: string): string {
  // Loaded on demand, like buildAgentBundle's import: the local runtime only needs esbuild to build.
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  esbuild.buildSync(buildOptions(outfile));
  return outfile;
}

/** Hex sha256 of a built bundle, as `sha256sum` prints it. */
export function agentBundleSha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

let building: Promise<string> | undefined;

/** Builds the bundle when it is missing or older than a source file of the agent. */
export function ensureAgentBundle(): Promise<string> {
  building ??= (async () => {
    if (existsSync(AGENT_BUNDLE_PATH)) {
      const built = statSync(AGENT_BUNDLE_PATH).mtimeMs;
      const sources = (await readdir(join(root, 'agent'))).map((f) => join(root, 'agent', f));
      sources.push(join(root, 'functions', 'domain', 'schemas', 'agent-protocol.ts'));
      if (sources.every((f) => statSync(f).mtimeMs <= built)) return AGENT_BUNDLE_PATH;
    }
    return buildAgentBundle();
  })();
  return building;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildAgentBundle();
  console.log(`built ${out} (${Math.round(statSync(out).size / 1024)} KiB)`);
}
