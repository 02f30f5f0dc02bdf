// The composition root of the API groups: every group's Lambda (functions/handlers/api/<group>.ts)
// builds its ApiDeps here, each port from the environment on first use, once per cold start
// (ports-from-environment.ts names the variables; infra/constructs/api-group-needs.ts gives each group only
// those of the ports it uses).
import { createAccessAuthenticator } from '../adapters/identity/access-authenticator';
import { createOperatorTokens } from '../adapters/identity/operator-tokens';
import { createLogger } from '../adapters/observability/logger';
import type { ApiDeps } from '../handlers/api/deps';
import { systemClock } from '../ports/clock';
import { type CloudDriverFactory, CloudError } from '../ports/cloud-driver';
import { egressFromEnvironment } from './egress-from-environment';
import { lazyPorts, once } from './lazy-ports';
import {
  agentNotifierFromEnvironment,
  agentTokensFromEnvironment,
  authenticatorFromEnvironment,
  cloudPushTokensFromEnvironment,
  cursorKeyFromEnvironment,
  emailVerificationFromEnvironment,
  publisherFromEnvironment,
  schedulerFromEnvironment,
  secretBoxFromEnvironment,
  signInFromEnvironment,
  storeFromEnvironment,
  userDirectoryFromEnvironment,
} from './ports-from-environment';

/**
 * Groups that reach the clouds (credentials, servers) pass the driver factory in; the others do
 * not import it, so their bundles stay free of the cloud SDKs (the Google client alone is tens of MB).
 */
const noCloudDrivers: CloudDriverFactory = () => {
  throw new CloudError('InvalidSpec', 'this function is not given cloud drivers');
};

/** The ports an API group builds on first use (the others are cheap, or defer on their own). */
type LazyApiPorts = Pick<
  ApiDeps,
  | 'store'
  | 'secrets'
  | 'publisher'
  | 'scheduler'
  | 'userDirectory'
  | 'cursorKey'
  | 'operatorTokens'
  | 'signIn'
  | 'emailVerification'
>;

/** Every port of an API group, each built from the environment on first use. */
export function apiDepsFromEnvironment(options: { drivers?: CloudDriverFactory } = {}): ApiDeps {
  const store = once(storeFromEnvironment);
  // A JWT of the issuer or an API token, resolved to a stored user (so the groups need TABLE_NAME).
  const authenticator = once(() =>
    createAccessAuthenticator({ jwt: authenticatorFromEnvironment(), store: store(), clock: systemClock }),
  );
  const agentTokens = once(agentTokensFromEnvironment);
  const ports = lazyPorts<LazyApiPorts>({
    store,
    secrets: secretBoxFromEnvironment,
    publisher: publisherFromEnvironment,
    scheduler: schedulerFromEnvironment,
    userDirectory: userDirectoryFromEnvironment,
    cursorKey: cursorKeyFromEnvironment,
    operatorTokens: () =>
      createOperatorTokens((process.env.OPERATOR_TOKEN_SHA256 ?? '').split(',').filter(Boolean)),
    signIn: signInFromEnvironment,
    emailVerification: emailVerificationFromEnvironment,
  });
  // The authentication middleware is handed these when the handler is built, so they defer
  // building their port to their first call.
  const rest: Omit<ApiDeps, keyof LazyApiPorts> = {
    signUpMode: process.env.SIGN_UP === 'open' ? 'open' : 'operator',
    authenticator: { authenticate: async (header) => authenticator().authenticate(header) },
    agentTokens: {
      issue: (server) => agentTokens().issue(server),
      verify: (token) => agentTokens().verify(token),
    },
    notifier: agentNotifierFromEnvironment(store),
    clock: systemClock,
    cloudPushTokens: cloudPushTokensFromEnvironment(),
    drivers: options.drivers ?? noCloudDrivers,
    egress: egressFromEnvironment(),
    logger: createLogger(),
  };
  return Object.assign(ports, rest);
}
