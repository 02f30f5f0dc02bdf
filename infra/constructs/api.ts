// The HTTP API: one Lambda per route group and one API Gateway route per RouteDef, both read
// from the routing table the local runtime dispatches with (functions/handlers/api/routes.ts).
// Authentication happens in the handlers (a middleware verifying the bearer token against the
// configured issuer's JWKS), not in API Gateway: API tokens for the CLI are opaque hashes that
// a gateway JWT authorizer could not check, and one verification path serves every issuer.
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
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_GROUPS, API_ROUTES, type ApiGroup, type RouteDef } from '../../functions/handlers/api/routes';
import { REPO_ROOT } from '../config';
import { grantAssumeCustomerRoles } from './cloud-access';
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

export interface ApiProps {
  functions: FunctionFactory;
  data: Data;
  bus: IEventBus;
  /** The seam for identity; without it the handlers cannot verify tokens (synth warns). */
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
}

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly functions: Partial<Record<ApiGroup, NodejsFunction>> = {};
  /** Groups left out because their handler module does not exist yet. */
  readonly missingGroups: ApiGroup[] = [];

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
              allowHeaders: ['authorization', 'content-type', 'if-match'],
              exposeHeaders: ['etag', 'location'],
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

    // What functions/handlers/api/deps-from-environment.ts reads: every group builds the same
    // dependencies, so each gets every name (grants stay per group).
    const environment: Record<string, string> = {
      EVENT_BUS_NAME: props.bus.eventBusName,
      SECRETS_KEY_ID: props.data.secretsKey.keyArn,
      ...(props.auth
        ? {
            AUTH_ISSUER: props.auth.issuer,
            AUTH_JWKS_URL:
              props.auth.jwksUrl ?? `${props.auth.issuer.replace(/\/$/, '')}/.well-known/jwks.json`,
            ...(props.auth.audience ? { AUTH_AUDIENCE: props.auth.audience } : {}),
          }
        : {}),
    };
    if (!props.auth) {
      Annotations.of(this).addWarningV2(
        'drover:auth-issuer-missing',
        'No authIssuer configured: the API handlers cannot verify tokens and will refuse every authenticated call. Pass -c authIssuer=https://…',
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
      const fn = this.createGroupFunction(group, entry, environment, props);
      const integration = new HttpLambdaIntegration(`${pascal(group)}Integration`, fn);
      for (const route of groupRoutes) {
        const httpRoute = new HttpRoute(this, pascal(route.operationId), {
          httpApi: this.httpApi,
          routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
          integration,
        });
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: route.auth
            ? 'The handler authenticates: its middleware verifies the bearer token (issuer JWKS or hashed API token) before any work.'
            : `${route.method} ${route.path} is a public document (auth: false in the routing table).`,
        });
      }
    }
  }

  private createGroupFunction(
    group: ApiGroup,
    entry: string,
    environment: Record<string, string>,
    props: ApiProps,
  ): NodejsFunction {
    const fn = props.functions.createFunction(this, `${pascal(group)}Function`, {
      entry,
      description: `Drover API: ${group} routes`,
      environment,
      // Testing credentials reaches the cloud (STS, DescribeRegions) before answering.
      timeout: group === 'credentials' ? Duration.seconds(29) : undefined,
    });
    this.functions[group] = fn;
    // The OpenAPI document is static: the meta group touches no data.
    if (group === 'meta') return fn;
    props.data.grantTableReadWrite(fn);
    props.bus.grantPutEventsTo(fn);
    if (group === 'credentials') {
      props.data.grantSealSecrets(fn);
      grantAssumeCustomerRoles(fn);
    }
    return fn;
  }
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
