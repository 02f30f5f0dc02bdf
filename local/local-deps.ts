// The local composition of the API's and the reconciler's ports (the Lambdas build the same from
// their environment, functions/composition/): dynalite's Store, the local issuer behind the
// authenticator, the in-process bus and scheduler, the egress rules of hosted mode, the keys
// kept in the data dir, and stand-ins tests may swap for Cognito's (sign-in, users, email codes).
import { agentBundleSha256, ensureAgentBundle } from '../agent/bundle';
import { createCloudDriverFactory } from '../functions/adapters/clouds/driver-factory';
import { createAccessAuthenticator } from '../functions/adapters/identity/access-authenticator';
import { createJwtAuthenticator } from '../functions/adapters/identity/jwt-authenticator';
import { createOperatorTokens, hashOperatorToken } from '../functions/adapters/identity/operator-tokens';
import { correlatedPublisher } from '../functions/adapters/observability/correlated-publisher';
import { createLogger } from '../functions/adapters/observability/logger';
import { createLocalKeySecretBox } from '../functions/adapters/secrets/local-key-secret-box';
import { lazyControlPlaneReaders } from '../functions/composition/scaling-readers';
import type { SignUpMode } from '../functions/domain/accounts/sign-up';
import type { CapacityBackoff, PlanOptions } from '../functions/domain/planning';
import type { ApiDeps } from '../functions/handlers/api/deps';
import type { AgentNotifier } from '../functions/ports/agent-notifier';
import { systemClock } from '../functions/ports/clock';
import type { CloudPushTokens } from '../functions/ports/cloud-push-tokens';
import type { EmailVerification } from '../functions/ports/email-verification';
import type { AgentTokens } from '../functions/ports/identity';
import type { SignIn } from '../functions/ports/sign-in';
import type { Store } from '../functions/ports/store';
import type { UserDirectory } from '../functions/ports/user-directory';
import type { Throttles } from '../functions/services/accounts/throttles';
import type { Egress } from '../functions/services/egress/egress-guard';
import type { ReconcileDeps } from '../functions/services/reconcile/deps';
import { AGENT_DOWNLOAD_PATH } from './agent-download';
import type { InProcessEventBus } from './event-bus';
import { type LocalIssuer, scryptPasswords } from './identity/local-issuer';
import { createLocalSignIn } from './identity/local-sign-in';
import { createStoreUserDirectory } from './identity/store-user-directory';
import type { LocalKeys } from './local-keys';
import type { LocalReconcileRunner } from './reconcile-runner';

/** The options of the local runtime that choose a port's adapter or its settings. */
export interface LocalDepsOptions {
  planOptions?: Partial<PlanOptions>;
  /** How long a farm role that found no capacity waits before launching again (doubling). */
  capacityBackoff?: CapacityBackoff;
  /** How old the shared inventory snapshot may be before a pass lists the location again (0: no snapshot). */
  inventoryIntervalMs?: number;
  /** Every how many sweep ticks a quiet farm whose clouds send events is looked at (AWS: QUIET_SWEEP_EVERY, default 5). */
  quietSweepEvery?: number;
  /** The sign-in behind POST /api/v1/auth/token (default: the local issuer); e2e tests put Cognito's here. */
  signIn?: (issuer: LocalIssuer) => SignIn;
  /** Who may sign up (POST /api/v1/accounts): anyone by default, here as in `npm start`; tests try `operator`. */
  signUpMode?: SignUpMode;
  /** The public routes' throttles (sign-in, sign-up); tests that make many accounts from one address raise them. */
  throttles?: Partial<Throttles>;
  /** Where sign-up creates the owner's sign-in (default: the Store's scrypt hash); tests put Cognito's here. */
  userDirectory?: (store: Store) => UserDirectory;
  /** Self-service sign-up's emailed code (default: none, sign-ups are usable at once); tests put Cognito's here. */
  emailVerification?: () => EmailVerification;
}

/** The running parts the ports are made over. */
export interface LocalParts {
  store: Store;
  keys: LocalKeys;
  agentTokens: AgentTokens;
  issuer: LocalIssuer;
  bus: InProcessEventBus;
  reconciler: LocalReconcileRunner;
  notifier: AgentNotifier;
  egress: Egress;
  /** The runtime's own URL (`http://localhost:<port>`). */
  url: string;
  /** The GCE sandbox's push check (sandboxes.ts). */
  cloudPushTokens?: CloudPushTokens;
}

export async function composeLocalDeps(
  parts: LocalParts,
  options: LocalDepsOptions,
): Promise<ApiDeps & ReconcileDeps> {
  const { store, issuer, url } = parts;
  const secrets = createLocalKeySecretBox(parts.keys.secretKey);
  return {
    store,
    secrets,
    // A JWT (the local issuer's) or an API token, resolved to a stored user of the account.
    authenticator: createAccessAuthenticator({
      jwt: createJwtAuthenticator({ issuer: issuer.issuer, keys: issuer.keys }),
      store,
      clock: systemClock,
    }),
    clock: systemClock,
    drivers: createCloudDriverFactory(parts.egress),
    egress: parts.egress,
    scalingReaders: lazyControlPlaneReaders(() => ({ store, secrets, egress: parts.egress })),
    logger: createLogger('drover-local'),
    // Events carry the correlation id of the request or pass that published them.
    publisher: correlatedPublisher(parts.bus),
    scheduler: parts.reconciler,
    agentTokens: parts.agentTokens,
    cursorKey: parts.keys.cursorKey,
    notifier: parts.notifier,
    userDirectory: options.userDirectory?.(store) ?? createStoreUserDirectory(store, scryptPasswords),
    operatorTokens: createOperatorTokens([hashOperatorToken(parts.keys.operatorToken)]),
    ...(parts.cloudPushTokens ? { cloudPushTokens: parts.cloudPushTokens } : {}),
    signUpMode: options.signUpMode ?? 'open',
    ...(options.throttles ? { throttles: options.throttles } : {}),
    signIn: options.signIn?.(issuer) ?? createLocalSignIn(issuer),
    ...(options.emailVerification ? { emailVerification: options.emailVerification() } : {}),
    agentApiUrl: `${url}/api`,
    // User data fetches the agent from this API (agent-download.ts) and checks it is this bundle.
    agentDownload: {
      url: `${url}${AGENT_DOWNLOAD_PATH}`,
      sha256: agentBundleSha256(await ensureAgentBundle()),
    },
    ...(options.planOptions ? { planOptions: options.planOptions } : {}),
    ...(options.capacityBackoff ? { capacityBackoff: options.capacityBackoff } : {}),
    ...(options.inventoryIntervalMs !== undefined
      ? { inventoryTiming: { intervalMs: options.inventoryIntervalMs } }
      : {}),
    ...(options.quietSweepEvery !== undefined ? { quietSweepEvery: options.quietSweepEvery } : {}),
  };
}
