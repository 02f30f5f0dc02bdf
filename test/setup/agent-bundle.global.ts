// vitest globalSetup: builds drover-agent's bundle once, before any file runs. Every local runtime
// calls ensureAgentBundle(); with files in parallel, two workers finding it stale would both write
// dist/agent/drover-agent.mjs while another hashes it for user data.
import { ensureAgentBundle } from '../../agent/bundle';

export default async function buildAgentBundleOnce(): Promise<void> {
  await ensureAgentBundle();
}
