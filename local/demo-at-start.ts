// The demo account at start: the one seeded at a first start (its ids kept in `demo.json` so a
// restart finds the same), else seeded now; its owner given a stored sign-in if data from before
// users were stored lacks one; and, for `npm start`, the demo's hello-host orchestration.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiDeps } from '../functions/handlers/api/deps';
import { type DemoData, type SandboxCredentials, seedDemo } from './seed';
import { ensureSeedOwner } from './seed-access';
import { ensureDemoOrchestration } from './seed-orchestration';

export interface DemoAtStartOptions {
  dataDir: string;
  persistent: boolean;
  owner: { email: string; password: string };
  /** The sandbox credentials a new demo environment gets (asked only when seeding). */
  sandboxCredentials: () => Promise<SandboxCredentials>;
  demoOrchestration?: boolean;
}

export async function demoAtStart(deps: ApiDeps, options: DemoAtStartOptions): Promise<DemoData> {
  const demoFile = join(options.dataDir, 'demo.json');
  const known =
    options.persistent && existsSync(demoFile)
      ? (JSON.parse(readFileSync(demoFile, 'utf8')) as DemoData)
      : undefined;
  const demo = known ?? (await seedDemo(deps, await options.sandboxCredentials()));
  if (options.persistent && !known) writeFileSync(demoFile, JSON.stringify(demo, null, 2));
  await ensureSeedOwner(deps, demo, options.owner.email, options.owner.password);
  if (options.demoOrchestration) await ensureDemoOrchestration(deps, demo);
  return demo;
}
