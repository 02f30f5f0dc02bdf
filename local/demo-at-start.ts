// The demo account at start: the one seeded at a first start (its ids kept in `demo.json` so a
// restart finds the same), else seeded now; its owner given a stored sign-in if data from before
// users were stored lacks one; and, for `npm start`, the demo's hello-host orchestration and the
// demo-private farm (added once: a data directory from before gets it at its next start).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiDeps } from '../functions/handlers/api/deps';
import { type DemoData, type SandboxCredentials, seedDemo } from './seed';
import { ensureSeedOwner } from './seed-access';
import { ensureDemoOrchestration } from './seed-orchestration';
import { seedDemoPrivateFarm } from './seed-private-farm';
import { seedDemoScalingFarm } from './seed-scaling-farm';

/** What `npm start` adds to the demo beyond what the tests' runtimes seed (off in tests). */
export interface DemoExtras {
  /** The demo's hello-host script and its environment-scope HostUp rule. */
  demoOrchestration?: boolean;
  /** demo-private: a farm role on the OpenStack sandbox and one on the CloudStack sandbox. */
  demoPrivateFarm?: boolean;
  /** demo-scaling: an EC2 farm role with a CPU target rule (README "Scaling"). */
  demoScalingFarm?: boolean;
}

export interface DemoAtStartOptions extends DemoExtras {
  dataDir: string;
  persistent: boolean;
  owner: { email: string; password: string };
  /** The sandbox credentials a new demo environment gets (asked only when seeding). */
  sandboxCredentials: () => Promise<SandboxCredentials>;
}

export async function demoAtStart(deps: ApiDeps, options: DemoAtStartOptions): Promise<DemoData> {
  const demoFile = join(options.dataDir, 'demo.json');
  const known =
    options.persistent && existsSync(demoFile)
      ? (JSON.parse(readFileSync(demoFile, 'utf8')) as DemoData)
      : undefined;
  let demo = known ?? (await seedDemo(deps, await options.sandboxCredentials()));
  if (options.demoPrivateFarm && !demo.privateFarmId) {
    const privateFarmId = await seedDemoPrivateFarm(deps, demo);
    if (privateFarmId) demo = { ...demo, privateFarmId };
  }
  if (options.demoScalingFarm && !demo.scalingFarmId) {
    const scalingFarmId = await seedDemoScalingFarm(deps, demo);
    if (scalingFarmId) demo = { ...demo, scalingFarmId };
  }
  if (options.persistent && demo !== known) writeFileSync(demoFile, JSON.stringify(demo, null, 2));
  await ensureSeedOwner(deps, demo, options.owner.email, options.owner.password);
  if (options.demoOrchestration) await ensureDemoOrchestration(deps, demo);
  return demo;
}
