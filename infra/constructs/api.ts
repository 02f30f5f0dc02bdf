// The HTTP API: one Lambda per route group and one API Gateway route per RouteDef, both read
// from the routing table the local runtime dispatches with (functions/contract/routes.ts).
// Authentication happens in the handlers (a middleware verifying the bearer token against the
// configured issuer's JWKS), not in API Gateway: API tokens for the CLI are opaque hashes that
// a gateway JWT authorizer could not check, and one verification path serves every issuer.
// Agent routes (auth: 'agent') carry a server's own HMAC token, which the handler verifies.
// Each group function gets only the environment and grants of what it uses (GROUP_NEEDS).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Annotations, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { API_GROUPS, API_ROUTES, type ApiGroup, type RouteDef } from '../../functions/contract/routes';
import { REPO_ROOT } from '../config';
import type { AgentTokenKey } from './agent-token-key';
import { grantAssumeCustomerRoles } from './cloud-access';
import type { CursorKey } from './cursor-key';
import type { Data } from './data';
import type { FunctionFactory } from './function-factory';

export interface ApiAuthProps {
  /** The issuer of user tokens (today a configured IdP; Cognito's user pool URL later). */
  issuer: string;
  /** @default `${issuer}/.well-known/jwks.json` (Cognito's layout) */
  jwksUrl?: string;
  /** The expected `aud` of tokens, when the issuer sets one. */
  audience?: string;
}

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
};

// Groups whose operations wait on something outside AWS before answering, up to API Gateway's
// 30 s limit: testing credentials calls the cloud (STS, DescribeRegions); testing a webhook
// endpoint POSTs to it (up to its 10 s timeout, after a DNS lookup).
const SLOW_GROUPS: readonly ApiGroup[] = ['credentials', 'webhooks'];

export interface ApiProps {
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
  /** The seam for identity; without it the handlers cannot verify user tokens (synth warns). */
  auth?: ApiAuthProps;
  /** Sign-up mode and the operator tokens' hashes, for the group that serves the account routes. */
  accounts?: { signUp: 'open' | 'operator'; operatorTokenSha256: string[] };
  /** Browser origins allowed to call the API from another host; same-origin needs none. */
  corsOrigins: string[];
  logRetentionDays: number;
  retainLogs: boolean;
  /** @default 50 requests/s steady, bursts of 100 */
  throttle?: { rateLimit: number; burstLimit: number };
  /** @default API_ROUTES */
  routes?: RouteDef[];
  /** Where `<group>.ts` handler modules live, relative to the repository root. @default 'functions/handlers/api' */
  handlersDir?: string;
  /** @default GROUP_NEEDS */
  groupNeeds?: Partial<Record<ApiGroup, readonly GroupNeed[]>>;
}

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly functions: Partial<Record<ApiGroup, NodejsFunction>> = {};
  /** Groups left out because their handler module does not exist yet. */
  readonly missingGroups: ApiGroup[] = [];
  /** Groups left out because GROUP_NEEDS does not say what they use. */
  readonly unplannedGroups: ApiGroup[] = [];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const routes = props.routes ?? API_ROUTES;

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Drover API (/api/v1)',
      createDefaultStage: false,
      corsPreflight:
        props.corsOrigins.length > 0
          ? {
              allowOrigins: props.corsOrigins,
              allowMethods: [CorsHttpMethod.ANY],
              allowHeaders: ['authorization', 'content-type', 'if-match', 'x-drover-client'],
              // x-correlation-id: a portal on another origin can show it with an error.
              exposeHeaders: ['etag', 'location', 'x-correlation-id'],
              maxAge: Duration.hours(1),
            }
          : undefined,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetentionDays as RetentionDays,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // One JSON line per request; the request id joins it with the handler's logs.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const authEnvironment: Record<string, string> = props.auth
      ? {
          AUTH_ISSUER: props.auth.issuer,
          AUTH_JWKS_URL:
            props.auth.jwksUrl ?? `${props.auth.issuer.replace(/\/$/, '')}/.well-known/jwks.json`,
          ...(props.auth.audience ? { AUTH_AUDIENCE: props.auth.audience } : {}),
        }
      : {};
    if (!props.auth) {
      Annotations.of(this).addWarningV2(
        'drover:auth-issuer-missing',
        'No authIssuer configured: the API handlers cannot verify user tokens, so every signed-in call fails (agent reports and the OpenAPI document still work). Deploy again with -c authIssuer=https://…',
      );
    }

    for (const group of API_GROUPS) {
      const groupRoutes = routes.filter((r) => r.group === group);
      if (groupRoutes.length === 0) continue;
      const entry = `${props.handlersDir ?? 'functions/handlers/api'}/${group}.ts`;
      if (!existsSync(path.resolve(REPO_ROOT, entry))) {
        this.missingGroups.push(group);
        Annotations.of(this).addWarningV2(
          'drover:api-entry-missing',
          `${entry} does not exist: the ${groupRoutes.length} route(s) of group "${group}" are not deployed.`,
        );
        continue;
      }
      const needs = (props.groupNeeds ?? GROUP_NEEDS)[group];
      if (!needs) {
        this.unplannedGroups.push(group);
        Annotations.of(this).addWarningV2(
          'drover:api-group-unplanned',
          `Group "${group}" has no entry in GROUP_NEEDS (infra/constructs/api.ts): its ${groupRoutes.length} route(s) are not deployed.`,
        );
        continue;
      }
      const fn = this.createGroupFunction(group, entry, needs, groupRoutes, authEnvironment, props);
      const integration = new HttpLambdaIntegration(`${pascal(group)}Integration`, fn);
      for (const route of groupRoutes) {
        const httpRoute = new HttpRoute(this, pascal(route.operationId), {
          httpApi: this.httpApi,
          routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
          integration,
        });
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: noAuthorizerReason(route),
        });
      }
    }
  }

  private createGroupFunction(
    group: ApiGroup,
    entry: string,
    groupNeeds: readonly GroupNeed[],
    routes: RouteDef[],
    authEnvironment: Record<string, string>,
    props: ApiProps,
  ): NodejsFunction {
    const needs = new Set(groupNeeds);
    const environment: Record<string, string> = {
      ...(routes.some((r) => r.auth === true) ? authEnvironment : {}),
      ...(routes.some((r) => r.auth === 'agent') ? props.agentTokenKey.environment() : {}),
      // Sign-up and the operator routes (accounts-routes.ts): who may sign up, and the operators' token hashes.
      ...(routes.some((r) => r.auth === 'operator')
        ? {
            SIGN_UP: props.accounts?.signUp ?? 'operator',
            OPERATOR_TOKEN_SHA256: (props.accounts?.operatorTokenSha256 ?? []).join(','),
          }
        : {}),
      ...(routes.some((r) => r.query?.shape && 'cursor' in r.query.shape)
        ? props.cursorKey.environment()
        : {}),
      ...(needs.has('table') ? { TABLE_NAME: props.data.table.tableName } : {}),
      ...(needs.has('publish') ? { EVENT_BUS_NAME: props.bus.eventBusName } : {}),
      ...(needs.has('seal-secrets') || needs.has('open-secrets')
        ? { SECRETS_KEY_ID: props.data.secretsKey.keyArn }
        : {}),
    };
    const fn = props.functions.createFunction(this, `${pascal(group)}Function`, {
      entry,
      description: `Drover API: ${group} routes`,
      environment,
      timeout: SLOW_GROUPS.includes(group) ? Duration.seconds(29) : undefined,
    });
    this.functions[group] = fn;
    if (needs.has('table')) props.data.grantTableReadWrite(fn);
    if (needs.has('publish')) props.bus.grantPutEventsTo(fn);
    if (needs.has('seal-secrets')) props.data.grantSealSecrets(fn);
    else if (needs.has('open-secrets')) props.data.grantOpenSecrets(fn);
    if (needs.has('clouds')) grantAssumeCustomerRoles(fn);
    if (needs.has('webhook-queue')) {
      for (const [name, value] of Object.entries(props.webhookQueue.grantEnqueue(fn))) {
        fn.addEnvironment(name, value);
      }
    }
    if (needs.has('user-directory') && props.userDirectory) {
      for (const [name, value] of Object.entries(props.userDirectory.grantUserAdministration(fn))) {
        fn.addEnvironment(name, value);
      }
    }
    if (needs.has('schedules')) {
      for (const [name, value] of Object.entries(props.schedules.grantScheduleManagement(fn))) {
        fn.addEnvironment(name, value);
      }
    }
    return fn;
  }
}

/** Why API Gateway does not authorize a route (cdk-nag APIG4): the handler does, or nobody must. */
function noAuthorizerReason(route: RouteDef): string {
  if (route.auth === 'agent')
    return "The handler verifies the server's own agent token (HMAC under the deployment key); a gateway JWT authorizer would refuse it.";
  if (route.auth)
    return 'The handler authenticates: its middleware verifies the bearer token (issuer JWKS or hashed API token) before any work.';
  return `${route.method} ${route.path} is a public document (auth: false in the routing table).`;
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
