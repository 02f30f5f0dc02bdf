// The composition root of the reconcile function: its ports from the environment, each on
// first use, once per cold start, with the cloud drivers behind the egress guard. Only this
// root and the API groups that reach clouds import the drivers (their SDKs are large).
import { createCloudDriverFactory } from '../adapters/clouds/driver-factory';
import { createLogger } from '../adapters/observability/logger';
import { systemClock } from '../ports/clock';
import type { ReconcileDeps } from '../services/reconcile/deps';
import { egressFromEnvironment } from './egress-from-environment';
import { once } from './once';
import {
  agentApiUrlFromEnvironment,
  agentDownloadFromEnvironment,
  agentTokensFromEnvironment,
  publisherFromEnvironment,
  schedulerFromEnvironment,
  secretBoxFromEnvironment,
  storeFromEnvironment,
} from './ports-from-environment';

export function reconcileDepsFromEnvironment(): ReconcileDeps {
  const store = once(storeFromEnvironment);
  const secrets = once(secretBoxFromEnvironment);
  const publisher = once(publisherFromEnvironment);
  const scheduler = once(schedulerFromEnvironment);
  const agentApiUrl = once(agentApiUrlFromEnvironment);
  const agentTokens = once(agentTokensFromEnvironment);
  return {
    get store() {
      return store();
    },
    get secrets() {
      return secrets();
    },
    get publisher() {
      return publisher();
    },
    get scheduler() {
      return scheduler();
    },
    get agentApiUrl() {
      return agentApiUrl();
    },
    agentChannelUrl: process.env.AGENT_CHANNEL_URL || undefined,
    agentDownload: agentDownloadFromEnvironment(),
    agentTokens: {
      issue: (server) => agentTokens().issue(server),
      verify: (token) => agentTokens().verify(token),
    },
    clock: systemClock,
    drivers: createCloudDriverFactory(egressFromEnvironment()),
    logger: createLogger(),
  };
}
