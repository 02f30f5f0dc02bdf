// drover-agent as a file of the portal's static site: built at synth (the same bundle as
// `npm run build:agent`) into a staging folder laid out as it is served, `agent/drover-agent.mjs`,
// which the Web construct deploys with the portal export. Its sha256 goes into the reconciler's
// environment so user data refuses any other file at that URL (a stale edge cache, a tampered object).
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { agentBundleSha256, buildAgentBundleSync } from '../agent/bundle';

/** The path under the web origin where servers download the agent. */
export const AGENT_SITE_KEY = 'agent/drover-agent.mjs';

export interface AgentSite {
  /** A folder to deploy at the bucket's root: it holds only AGENT_SITE_KEY. */
  dir: string;
  sha256: string;
}

export function stageAgentSite(dir: string): AgentSite {
  const file = path.join(dir, AGENT_SITE_KEY);
  mkdirSync(path.dirname(file), { recursive: true });
  // Built aside and renamed: synths running side by side (tests) never read a half-written file.
  const partial = `${file}.${process.pid}.partial`;
  buildAgentBundleSync(partial);
  renameSync(partial, file);
  return { dir, sha256: agentBundleSha256(file) };
}
