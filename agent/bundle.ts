// Bundles drover-agent into one file, dist/agent/drover-agent.mjs (Node 22 built-ins only, no
// node_modules on the server). `npm run build:agent` runs this; the local runtime and the tests
// call ensureAgentBundle() so a fresh checkout works without a build step.
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const AGENT_BUNDLE_PATH = join(root, 'dist', 'agent', 'drover-agent.mjs');

export async function buildAgentBundle(outfile = AGENT_BUNDLE_PATH): Promise<string> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'agent', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    banner: { js: '#!/usr/bin/env node' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
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
