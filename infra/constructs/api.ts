// The HTTP API: one Lambda per route group and one API Gateway route per RouteDef, both read
// from the routing table the local runtime dispatches with (functions/contract/routes.ts).
// Authentication happens in the handlers (a middleware verifying the bearer token against the
// configured issuer's JWKS), not in API Gateway: API tokens for the CLI are opaque hashes that
// a gateway JWT authorizer could not check, and one verification path serves every issuer.
// Agent routes (auth: 'agent') carry a server's own HMAC token, which the handler verifies.
// Each group function gets only the environment and grants of what it uses (GROUP_NEEDS, in
// api-group-needs.ts).
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
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_GROUPS, API_ROUTES, type ApiGroup, type RouteDef } from '../../functions/contract/routes';
import { REPO_ROOT } from '../config';
import { createGroupFunction, GROUP_NEEDS, type GroupNeed, type GroupResources } from './api-group-needs';

export interface ApiAuthProps {
  /** The issuer of user tokens (today a configured IdP; Cognito's user pool URL later). */
  issuer: string;
  /** @default `${issuer}/.well-known/jwks.json` (Cognito's layout) */
  jwksUrl?: string;
  /** The expected `aud` of tokens, when the issuer sets one. */
  audience?: string;
}

export interface ApiProps extends GroupResources {
  /** The seam for identity; without it the handlers cannot verify user tokens (synth warns). */
  auth?: ApiAuthProps;
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
  readonly functions: Partial<Record<ApiGroup, LambdaFunction>> = {};
  /** Groups left out because their handler module does not exist yet. */
  readonly missingGroups: ApiGroup[] = [];
  /** Groups left out because GROUP_NEEDS does not say what they use. */
  readonly unplannedGroups: ApiGroup[] = [];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const routes = props.routes ?? API_ROUTES;
    this.httpApi = this.createHttpApi(props.corsOrigins);
    this.stage = this.createStage(props);
    const authEnvironment = this.authEnvironment(props.auth);
    for (const group of API_GROUPS) {
      const groupRoutes = routes.filter((r) => r.group === group);
      if (groupRoutes.length > 0) this.deployGroup(group, groupRoutes, authEnvironment, props);
    }
  }

  private createHttpApi(corsOrigins: string[]): HttpApi {
    return new HttpApi(this, 'HttpApi', {
      description: 'Drover API (/api/v1)',
      createDefaultStage: false,
      corsPreflight:
        corsOrigins.length > 0
          ? {
              allowOrigins: corsOrigins,
              allowMethods: [CorsHttpMethod.ANY],
              allowHeaders: ['authorization', 'content-type', 'if-match', 'x-drover-client'],
              // x-correlation-id: a portal on another origin can show it with an error.
              exposeHeaders: ['etag', 'location', 'x-correlation-id'],
              maxAge: Duration.hours(1),
            }
          : undefined,
    });
  }

  /** The `$default` stage: throttled, one access-log line per request. */
  private createStage(props: ApiProps): HttpStage {
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetentionDays as RetentionDays,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    return new HttpStage(this, 'DefaultStage', {
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
  }

  /** The issuer's variables for groups with user routes; a warning when there is no issuer. */
  private authEnvironment(auth: ApiAuthProps | undefined): Record<string, string> {
    if (!auth) {
      Annotations.of(this).addWarningV2(
        'drover:auth-issuer-missing',
        'No authIssuer configured: the API handlers cannot verify user tokens, so every signed-in call fails (agent reports and the OpenAPI document still work). Deploy again with -c authIssuer=https://…',
      );
      return {};
    }
    return {
      AUTH_ISSUER: auth.issuer,
      AUTH_JWKS_URL: auth.jwksUrl ?? `${auth.issuer.replace(/\/$/, '')}/.well-known/jwks.json`,
      ...(auth.audience ? { AUTH_AUDIENCE: auth.audience } : {}),
    };
  }

  /** One group's function and its routes; a group without a handler module or needs is skipped, with a warning. */
  private deployGroup(
    group: ApiGroup,
    groupRoutes: RouteDef[],
    authEnvironment: Record<string, string>,
    props: ApiProps,
  ): void {
    const entry = `${props.handlersDir ?? 'functions/handlers/api'}/${group}.ts`;
    if (!existsSync(path.resolve(REPO_ROOT, entry))) {
      this.missingGroups.push(group);
      Annotations.of(this).addWarningV2(
        'drover:api-entry-missing',
        `${entry} does not exist: the ${groupRoutes.length} route(s) of group "${group}" are not deployed.`,
      );
      return;
    }
    const needs = (props.groupNeeds ?? GROUP_NEEDS)[group];
    if (!needs) {
      this.unplannedGroups.push(group);
      Annotations.of(this).addWarningV2(
        'drover:api-group-unplanned',
        `Group "${group}" has no entry in GROUP_NEEDS (infra/constructs/api-group-needs.ts): its ${groupRoutes.length} route(s) are not deployed.`,
      );
      return;
    }
    const fn = createGroupFunction(
      this,
      { group, id: `${pascal(group)}Function`, entry, needs, routes: groupRoutes, authEnvironment },
      props,
    );
    this.functions[group] = fn;
    // One invoke permission per function for the whole API, not one per route: the prod stack sits
    // near CloudFormation's 500-resource limit and ~150 route-scoped permissions were a third of it.
    // The function still answers only its group's routes (its router refuses the rest).
    const integration = new HttpLambdaIntegration(`${pascal(group)}Integration`, fn, {
      scopePermissionToRoute: false,
    });
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

/** Why API Gateway does not authorize a route (cdk-nag APIG4): the handler does, or nobody must. */
function noAuthorizerReason(route: RouteDef): string {
  if (route.auth === 'cloud-push')
    return "The handler verifies the Pub/Sub push's Google-signed OIDC token (issuer, audience, the push service account) before any work.";
  if (route.auth === 'agent')
    return "The handler verifies the server's own agent token (HMAC under the deployment key); a gateway JWT authorizer would refuse it.";
  if (route.auth)
    return 'The handler authenticates: its middleware verifies the bearer token (issuer JWKS or hashed API token) before any work.';
  return `${route.method} ${route.path} is a public document (auth: false in the routing table).`;
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
