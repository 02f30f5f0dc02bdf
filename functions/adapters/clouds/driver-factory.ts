// Picks the driver for a credentials' platform: the one place that knows every driver, and the
// one place drivers get their network: the egress guard's agents, so every connection to an
// endpoint a tenant set is checked (services/egress) whatever the driver.
// Drivers are kept per credentials id and version (a version names one secret exactly), so
// every pass in a warm Lambda or the local runtime shares one SDK client — its connection
// pool, its adaptive rate limiter, its assumed-role session — instead of starting cold.
import type { CloudCredentialsWithSecrets } from '../../domain/schemas/credentials';
import type { CloudDriver, CloudDriverFactory } from '../../ports/cloud-driver';
import type { Egress } from '../../services/egress/egress-guard';
import { createGuardedAgents } from '../egress/guarded-agents';
import { lazyDriver } from './lazy-driver';

const MAX_CACHED = 500;

type GuardedAgentsOf = ReturnType<typeof createGuardedAgents>;

/** Each platform's driver, loaded by the first call that needs it (lazy-driver.ts): one row per cloud. */
const LOADERS: Record<
  CloudCredentialsWithSecrets['platform'],
  (credentials: CloudCredentialsWithSecrets, agents: GuardedAgentsOf) => Promise<CloudDriver>
> = {
  aws: async (credentials, agents) => (await import('./aws')).createAwsDriver(credentials, { agents }),
  gce: async (credentials, agents) => (await import('./gce')).createGceDriver(credentials, { agents }),
  openstack: async (credentials, agents) =>
    (await import('./openstack')).createOpenStackDriverFor(credentials, { agents }),
  cloudstack: async (credentials, agents) =>
    (await import('./cloudstack')).createCloudStackDriverFor(credentials, { agents }),
};

/** A factory whose drivers connect only where `egress` allows; each factory keeps its own cache. */
export function createCloudDriverFactory(egress: Egress): CloudDriverFactory {
  const agents = createGuardedAgents(egress);
  const cache = new Map<string, CloudDriver>();
  return (credentials: CloudCredentialsWithSecrets) => {
    const key = `${credentials.accountId}/${credentials.id}/${credentials.version}`;
    const cached = cache.get(key);
    if (cached) {
      // Map order is insertion order: re-insert to keep the most recently used last.
      cache.delete(key);
      cache.set(key, cached);
      return cached;
    }
    const load = LOADERS[credentials.platform];
    const driver = lazyDriver(() => load(credentials, agents));
    cache.set(key, driver);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    return driver;
  };
}
