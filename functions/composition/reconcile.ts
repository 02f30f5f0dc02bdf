// The composition root of the reconcile function: its ports from the environment, each on
// first use, once per cold start, with the cloud drivers behind the egress guard. Only this
// root and the API groups that reach clouds import the drivers (their SDKs are large).
import { createCloudDriverFactory } from '../adapters/clouds/driver-factory';
import { createLogger } from '../adapters/observability/logger';
import { cachedSecretBox } from '../adapters/secrets/cached-secret-box';
import { systemClock } from '../ports/clock';
import type { Store } from '../ports/store';
import type { ReconcileDeps } from '../services/reconcile/deps';
import { egressFromEnvironment } from './egress-from-environment';
import { lazyPorts, once } from './lazy-ports';
import {
  agentApiUrlFromEnvironment,
  agentDownloadFromEnvironment,
  agentNotifierFromEnvironment,
  agentTokensFromEnvironment,
  publisherFromEnvironment,
  schedulerFromEnvironment,
  secretBoxFromEnvironment,
  storeFromEnvironment,
} from './ports-from-environment';
import { lazyControlPlaneReaders } from './scaling-readers';

type LazyReconcilePorts = Pick<
  ReconcileDeps,
  'store' | 'secrets' | 'publisher' | 'scheduler' | 'agentApiUrl'
>;

export function reconcileDepsFromEnvironment(): ReconcileDeps {
  const agentTokens = once(agentTokensFromEnvironment);
  const ports = lazyPorts<LazyReconcilePorts>({
    store: storeFromEnvironment,
    // Opened credentials are kept per credentials id and version for a while (cached-secret-box.ts).
    secrets: () => cachedSecretBox(secretBoxFromEnvironment()),
    publisher: publisherFromEnvironment,
    scheduler: schedulerFromEnvironment,
    agentApiUrl: agentApiUrlFromEnvironment,
  });
  const rest: Omit<ReconcileDeps, keyof LazyReconcilePorts> = {
    agentChannelUrl: process.env.AGENT_CHANNEL_URL || undefined,
    agentDownload: agentDownloadFromEnvironment(),
    agentTokens: {
      issue: (server) => agentTokens().issue(server),
      verify: (token) => agentTokens().verify(token),
    },
    clock: systemClock,
    drivers: createCloudDriverFactory(egressFromEnvironment()),
    // Rules on an SQS queue or an HTTP check read through the same egress rules as the drivers.
    scalingReaders: lazyControlPlaneReaders(() => ({
      store: ports.store,
      secrets: ports.secrets,
      egress: egressFromEnvironment(),
    })),
    // INVENTORY_INTERVAL_MS: how old the shared inventory snapshot may be (default 60 s; 0: none).
    ...(process.env.INVENTORY_INTERVAL_MS
      ? { inventoryTiming: { intervalMs: Number(process.env.INVENTORY_INTERVAL_MS) } }
      : {}),
    logger: createLogger(),
    // QUIET_SWEEP_EVERY: every how many minutes the sweep looks at a quiet farm whose clouds send events.
    ...(process.env.QUIET_SWEEP_EVERY ? { quietSweepEvery: Number(process.env.QUIET_SWEEP_EVERY) } : {}),
    // Re-nudges agents whose executions wait queued (AGENT_CHANNEL_ENDPOINT; unset: none).
    notifier: agentNotifierFromEnvironment(() => ports.store as Store),
  };
  return Object.assign(ports, rest);
}
