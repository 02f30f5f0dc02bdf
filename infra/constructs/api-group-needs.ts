// What each API group's function may touch (GROUP_NEEDS), and the one place that turns a group's
// needs and routes into its environment variables and grants (createGroupFunction), so a group
// holds no name and no permission it does not use. infra/constructs/api.ts wires the routes.
import { Duration } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct, IConstruct } from 'constructs';
import type { ApiGroup, RouteDef } from '../../functions/contract/routes';
import type { AgentTokenKey } from './agent-token-key';
import { grantAssumeCustomerRoles } from './cloud-access';
import type { CursorKey } from './cursor-key';
import type { Data } from './data';
import type { FunctionFactory } from './function-factory';

/** The schedules a group may manage (constructs/reconcile.ts). */
export interface ScheduleAccess {
  grantScheduleManagement(grantee: IGrantable & IConstruct): Record<string, string>;
}

/** The user pool whose users a group may administer (constructs/identity.ts). */
export interface UserDirectoryAccess {
  grantUserAdministration(grantee: IGrantable): Record<string, string>;
}

/** The queue of webhook work a group may add to (constructs/webhooks.ts). */
export interface WebhookQueueAccess {
  grantEnqueue(grantee: IGrantable): Record<string, string>;
}

/**
 * What each group's operations touch beyond authentication (which the routing table says:
 * user routes need the issuer, agent routes the agent token key). Each need brings its
 * environment variables (read by functions/composition/ports-from-environment.ts) and its
 * grants, so a group holds no name and no permission it does not use.
 *   table        TABLE_NAME; item read/write on the table and its indexes
 *   publish      EVENT_BUS_NAME; events:PutEvents on the bus
 *   schedules    SCHEDULE_GROUP_NAME, SCHEDULER_ROLE_ARN, RECONCILE_FUNCTION_ARN, RECONCILE_DLQ_ARN;
 *                manage the group's schedules, pass the Scheduler role
 *   seal-secrets SECRETS_KEY_ID; kms:Encrypt + kms:Decrypt (stores credentials' secrets)
 *   open-secrets SECRETS_KEY_ID; kms:Decrypt (opens them to call a cloud)
 *   clouds       sts:AssumeRole into customers' roles
 *   webhook-queue WEBHOOK_QUEUE_URL; sqs:SendMessage on the webhook queue
 *   user-directory USER_POOL_ID; cognito-idp:AdminCreateUser|AdminSetUserPassword|AdminDisableUser|
 *                AdminDeleteUser on the user pool (none when the API trusts another issuer)
 */
export type GroupNeed =
  | 'table'
  | 'publish'
  | 'schedules'
  | 'seal-secrets'
  | 'open-secrets'
  | 'clouds'
  | 'webhook-queue'
  | 'user-directory';

// Partial on purpose: a group added to the routing table without an entry here is skipped with a
// warning (like a group without a handler module) rather than deployed with guessed permissions.
export const GROUP_NEEDS: Partial<Record<ApiGroup, readonly GroupNeed[]>> = {
  account: ['table'],
  // Users, teams, ACL roles and API tokens are items in the table (every group reads them to authorize);
  // a user created or removed here is created or removed in the user pool too.
  access: ['table', 'user-directory'],
  environments: ['table'],
  // Testing credentials opens them and calls the cloud.
  credentials: ['table', 'seal-secrets', 'clouds'],
  roles: ['table'],
  // A saved spec publishes FarmSpecChanged (the reconciler wakes on it).
  farms: ['table', 'publish'],
  // Launch, suspend and resume keep the farm's schedule; every verb publishes.
  lifecycle: ['table', 'publish', 'schedules'],
  // Terminate and reboot call the cloud with the farm's credentials.
  servers: ['table', 'publish', 'open-secrets', 'clouds'],
  agent: ['table', 'publish'],
  // The OpenAPI document is static.
  meta: [],
  // Endpoints' signing secrets are sealed on create and rotate, opened to sign a test event;
  // redeliver queues the delivery for the dispatcher. It publishes nothing.
  webhooks: ['table', 'seal-secrets', 'webhook-queue'],
  // Global Variables are items in the table; nothing is published or sealed.
  variables: ['table'],
  // Reads the audit log (every group writes its entries through the audit middleware, with 'table').
  audit: ['table'],
  // Scripts, rules and executions are items in the table (custom events fire from the servers group).
  orchestration: ['table'],
  // Policies and lease requests are items in the table; deciding a lease request publishes its farm event.
  policies: ['table', 'publish'],
  // A GCE audit log push finds the instance's server in the table and publishes CloudInstanceChanged.
  'cloud-events': ['table', 'publish'],
};

// Groups whose operations wait on something outside AWS before answering, up to API Gateway's
// 30 s limit: testing credentials calls the cloud (STS, DescribeRegions); testing a webhook
// endpoint POSTs to it (up to its 10 s timeout, after a DNS lookup).
const SLOW_GROUPS: readonly ApiGroup[] = ['credentials', 'webhooks'];

/** What the needs draw on: the shared resources a group may be given a name of and a grant on. */
export interface GroupResources {
  functions: FunctionFactory;
  data: Data;
  bus: IEventBus;
  schedules: ScheduleAccess;
  webhookQueue: WebhookQueueAccess;
  /** Given to groups with agent routes (auth: 'agent'). */
  agentTokenKey: AgentTokenKey;
  /** Given to groups with a paginated list (a query with a cursor): signs the cursors. */
  cursorKey: CursorKey;
  /**
   * The Cognito user pool users are created in. Without it (an external issuer) a group with the
   * 'user-directory' need keeps only Drover's users, and that issuer's admins make the sign-ins.
   */
  userDirectory?: UserDirectoryAccess;
  /** Sign-up mode and the operator tokens' hashes, for the group that serves the account routes. */
  accounts?: { signUp: 'open' | 'operator'; operatorTokenSha256: string[] };
  /** Whose pushes the cloud-events routes accept (GCE's Pub/Sub subscription); none: no push is. */
  cloudPush?: { serviceAccountEmail: string; audience: string; jwksUrl: string | undefined };
}

/** One group's function, its code at `entry`. */
export interface GroupFunctionSpec {
  group: ApiGroup;
  id: string;
  entry: string;
  needs: readonly GroupNeed[];
  routes: RouteDef[];
  /** The issuer's variables, given when one of the routes takes a user's token. */
  authEnvironment: Record<string, string>;
}

export function createGroupFunction(
  scope: Construct,
  spec: GroupFunctionSpec,
  resources: GroupResources,
): LambdaFunction {
  const needs = new Set(spec.needs);
  const fn = resources.functions.createFunction(scope, spec.id, {
    entry: spec.entry,
    description: `Drover API: ${spec.group} routes`,
    environment: groupEnvironment(spec, needs, resources),
    timeout: SLOW_GROUPS.includes(spec.group) ? Duration.seconds(29) : undefined,
  });
  grantNeeds(fn, needs, resources);
  return fn;
}

/** The variables the routes' authentication and the needs' ports read at start. */
function groupEnvironment(
  { routes, authEnvironment }: GroupFunctionSpec,
  needs: ReadonlySet<GroupNeed>,
  resources: GroupResources,
): Record<string, string> {
  return {
    ...(routes.some((r) => r.auth === true) ? authEnvironment : {}),
    ...(routes.some((r) => r.auth === 'agent') ? resources.agentTokenKey.environment() : {}),
    // Sign-up and the operator routes (accounts-routes.ts): who may sign up, and the operators' token hashes.
    ...(routes.some((r) => r.auth === 'operator')
      ? {
          SIGN_UP: resources.accounts?.signUp ?? 'operator',
          OPERATOR_TOKEN_SHA256: (resources.accounts?.operatorTokenSha256 ?? []).join(','),
        }
      : {}),
    ...(routes.some((r) => r.auth === 'cloud-push') && resources.cloudPush
      ? {
          GCE_PUSH_SERVICE_ACCOUNT: resources.cloudPush.serviceAccountEmail,
          GCE_PUSH_AUDIENCE: resources.cloudPush.audience,
          ...(resources.cloudPush.jwksUrl ? { GCE_PUSH_JWKS_URL: resources.cloudPush.jwksUrl } : {}),
        }
      : {}),
    ...(routes.some((r) => r.query?.shape && 'cursor' in r.query.shape)
      ? resources.cursorKey.environment()
      : {}),
    ...(needs.has('table') ? { TABLE_NAME: resources.data.table.tableName } : {}),
    ...(needs.has('publish') ? { EVENT_BUS_NAME: resources.bus.eventBusName } : {}),
    ...(needs.has('seal-secrets') || needs.has('open-secrets')
      ? { SECRETS_KEY_ID: resources.data.secretsKey.keyArn }
      : {}),
  };
}

/** The grants of each need; the ones whose grant names a resource add its variables too. */
function grantNeeds(fn: LambdaFunction, needs: ReadonlySet<GroupNeed>, resources: GroupResources): void {
  if (needs.has('table')) resources.data.grantTableReadWrite(fn);
  if (needs.has('publish')) resources.bus.grantPutEventsTo(fn);
  if (needs.has('seal-secrets')) resources.data.grantSealSecrets(fn);
  else if (needs.has('open-secrets')) resources.data.grantOpenSecrets(fn);
  if (needs.has('clouds')) grantAssumeCustomerRoles(fn);
  if (needs.has('webhook-queue')) addEnvironment(fn, resources.webhookQueue.grantEnqueue(fn));
  if (needs.has('user-directory') && resources.userDirectory)
    addEnvironment(fn, resources.userDirectory.grantUserAdministration(fn));
  if (needs.has('schedules')) addEnvironment(fn, resources.schedules.grantScheduleManagement(fn));
}

function addEnvironment(fn: LambdaFunction, environment: Record<string, string>): void {
  for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
}
