// What the API operations need, as ports. The Lambda entry points build it from the
// environment (functions/composition/api.ts, once per cold start); the local runtime and tests
// build it from their own parts and pass it to each group's createHandler.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { SignUpMode } from '../../domain/accounts/sign-up';
import type { AgentNotifier } from '../../ports/agent-notifier';
import type { Clock } from '../../ports/clock';
import type { CloudDriverFactory } from '../../ports/cloud-driver';
import type { CloudPushTokens } from '../../ports/cloud-push-tokens';
import type { EmailVerification } from '../../ports/email-verification';
import type { EventPublisher } from '../../ports/event-publisher';
import type { FarmScheduler } from '../../ports/farm-scheduler';
import type { AgentTokens, Authenticator } from '../../ports/identity';
import type { OperatorTokens } from '../../ports/operator-tokens';
import type { SecretBox } from '../../ports/secret-box';
import type { SignIn } from '../../ports/sign-in';
import type { Store } from '../../ports/store';
import type { UserDirectory } from '../../ports/user-directory';
import type { Throttles } from '../../services/accounts/throttles';
import type { Egress } from '../../services/egress/egress-guard';
import type { WebhookDeps } from '../../services/webhooks/deps';

export interface ApiDeps {
  store: Store;
  secrets: SecretBox;
  authenticator: Authenticator;
  clock: Clock;
  drivers: CloudDriverFactory;
  /** Hosted mode's egress rules for URLs a tenant sets (checked on save; drivers check at connect). */
  egress: Egress;
  logger: Logger;
  publisher: EventPublisher;
  scheduler: FarmScheduler;
  agentTokens: AgentTokens;
  /** Nudges agents that new tasks wait (the local WebSocket server, API Gateway WebSocket in AWS). */
  notifier: AgentNotifier;
  /** Where users' sign-ins live: the Cognito user pool in AWS, the Store's scrypt hashes locally. */
  userDirectory: UserDirectory;
  /** Self-service sign-up's emailed code (Cognito's sign-up app client in AWS); absent locally, where no email is verified. */
  emailVerification?: EmailVerification;
  /** Password sign-in for `POST /auth/token`: Cognito's app client in AWS, the local issuer locally. */
  signIn: SignIn;
  /** Signs page cursors (middleware/cursor-signing.ts), ≥ 32 bytes: CURSOR_KEY in AWS, a file under DROVER_DATA_DIR locally. */
  cursorKey?: Uint8Array;
  /** The platform operators' tokens (absent: no operator can act on this deployment). */
  operatorTokens?: OperatorTokens;
  /** Verifies clouds' pushes (GCE audit logs through Pub/Sub); absent: the cloud-events routes answer 401. */
  cloudPushTokens?: CloudPushTokens;
  /** Who may sign up: anyone (`open`, the default) or only a platform operator. */
  signUpMode?: SignUpMode;
  /** The public routes' throttles (services/accounts/throttles.ts); tests lower or raise them. */
  throttles?: Partial<Throttles>;
}

/** The `webhooks` group's deps: the webhook services' ports and what the group's middleware needs (the whole Store: authorization and audit read it). */
export type WebhookApiDeps = Pick<ApiDeps, 'authenticator' | 'agentTokens' | 'logger' | 'store'> &
  WebhookDeps;
