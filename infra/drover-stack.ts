// The Drover stack: composes one construct per runtime concern (docs/architecture.md §3) and wires
// what they share (table, bus, keys, environment variables).
import path from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ApiGroup } from '../functions/contract/routes';
import { EVENT_RULES } from '../functions/handlers/event-rules';
import { AGENT_SITE_KEY, stageAgentSite } from './agent-site';
import { type DroverConfig, REPO_ROOT } from './config';
import { AgentChannel } from './constructs/agent-channel';
import { AgentTokenKey } from './constructs/agent-token-key';
import { Alarms } from './constructs/alarms';
import { Api } from './constructs/api';
import type { GroupNeed } from './constructs/api-group-needs';
import { CursorKey } from './constructs/cursor-key';
import { Data } from './constructs/data';
import { Events } from './constructs/events';
import { FunctionFactory } from './constructs/function-factory';
import { Identity } from './constructs/identity';
import { Orchestration } from './constructs/orchestration';
import { Reconcile } from './constructs/reconcile';
import { Sweep } from './constructs/sweep';
import { Web } from './constructs/web';
import { Webhooks } from './constructs/webhooks';

export interface DroverStackProps extends StackProps {
  config: DroverConfig;
  /** Overrides where the API group handlers live (tests point it at a fixture). */
  apiHandlersDir?: string;
  /** Overrides what each API group needs (tests leave a group out to see it skipped). */
  apiGroupNeeds?: Partial<Record<ApiGroup, readonly GroupNeed[]>>;
}

export class DroverStack extends Stack {
  readonly data: Data;
  readonly events: Events;
  readonly agentTokenKey: AgentTokenKey;
  readonly identity: Identity;
  readonly reconcile: Reconcile;
  /** The safety net: one schedule a minute for every farm (replaces a schedule per farm). */
  readonly sweep: Sweep;
  readonly webhooks: Webhooks;
  readonly orchestration: Orchestration;
  readonly api: Api;
  readonly agentChannel: AgentChannel;
  readonly web: Web;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: DroverStackProps) {
    super(scope, id, props);
    const { config } = props;
    const stageSuffix = config.stage ? `-${config.stage}` : '';

    this.data = new Data(this, 'Data', {
      isProd: config.isProd,
      stageSuffix,
      tableEncryption: config.tableEncryption,
    });
    this.events = new Events(this, 'Events', { eventBusName: config.eventBusName });
    this.agentTokenKey = new AgentTokenKey(this, 'AgentTokenKey', { version: config.agentTokenKeyVersion });
    this.identity = new Identity(this, 'Identity', {
      isProd: config.isProd,
      stageSuffix,
      // Self-service sign-up verifies emails through the pool, unless another issuer is trusted.
      selfSignUp: config.signUp === 'open' && !config.authIssuer,
    });

    const functions = functionFactory(config);
    this.reconcile = new Reconcile(this, 'Reconcile', {
      functions,
      data: this.data,
      bus: this.events.bus,
      agentTokenKey: this.agentTokenKey,
      scheduleGroupName: config.scheduleGroupName,
      functionName: `drover-reconcile${stageSuffix}`,
      isProd: config.isProd,
    });
    this.sweep = new Sweep(this, 'Sweep', { reconcile: this.reconcile });
    this.webhooks = new Webhooks(this, 'Webhooks', { functions, data: this.data });
    this.orchestration = new Orchestration(this, 'Orchestration', { functions, data: this.data });
    this.api = this.createApi(props, functions);

    // The agents' WebSocket push channel: the orchestrator, the reconciler and the agent group
    // (BeforeHostUp) nudge.
    this.agentChannel = new AgentChannel(this, 'AgentChannel', {
      functions,
      data: this.data,
      agentTokenKey: this.agentTokenKey,
    });
    this.agentChannel.grantNudge(this.orchestration.function);
    // The reconciler re-nudges executions left queued: connected agents no longer poll.
    this.agentChannel.grantNudge(this.reconcile.function);
    if (this.api.functions.agent) this.agentChannel.grantNudge(this.api.functions.agent);
    const agentApiUrl = this.tellReconcileWhereAgentsReport(config);

    this.events.routeRules(EVENT_RULES, {
      reconcile: this.reconcile.function,
      webhooks: this.webhooks.queue,
      orchestration: this.orchestration.function,
    });

    this.web = this.createWebWithAgent(config);
    this.addOutputs(config, agentApiUrl);
    this.alarms = this.createAlarms(config, stageSuffix);
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }

  private createApi(props: DroverStackProps, functions: FunctionFactory): Api {
    const { config } = props;
    return new Api(this, 'Api', {
      functions,
      data: this.data,
      bus: this.events.bus,
      schedules: this.reconcile,
      webhookQueue: this.webhooks,
      agentTokenKey: this.agentTokenKey,
      cursorKey: new CursorKey(this, 'CursorKey'),
      // The Cognito pool's ID tokens (audience: the portal client), unless -c authIssuer= names another issuer.
      auth: config.authIssuer
        ? { issuer: config.authIssuer, jwksUrl: config.authJwksUrl, audience: config.authAudience }
        : { issuer: this.identity.issuer, audience: this.identity.client.userPoolClientId },
      // Users created through the API are created in the pool, unless another issuer is trusted.
      userDirectory: config.authIssuer ? undefined : this.identity,
      accounts: { signUp: config.signUp, operatorTokenSha256: config.operatorTokenSha256 },
      ...(config.gcePush ? { cloudPush: config.gcePush } : {}),
      corsOrigins: [
        ...(config.portalDomain ? [`https://${config.portalDomain}`] : []),
        ...config.corsOrigins,
      ],
      logRetentionDays: config.logRetentionDays,
      retainLogs: config.isProd,
      handlersDir: props.apiHandlersDir,
      groupNeeds: props.apiGroupNeeds,
    });
  }

  /** New servers' user data names the URL their agent reports to (`<url>/v1/agent/events`). */
  private tellReconcileWhereAgentsReport(config: DroverConfig): string {
    const agentApiUrl = config.agentApiUrl ?? `${this.api.httpApi.apiEndpoint}/api`;
    this.reconcile.function.addEnvironment('AGENT_API_URL', agentApiUrl);
    this.reconcile.function.addEnvironment('AGENT_CHANNEL_URL', this.agentChannel.url);
    return agentApiUrl;
  }

  /**
   * drover-agent is built now and published with the portal; user data fetches it from the web
   * origin and checks its sha256 (functions/services/reconcile/user-data.ts).
   */
  private createWebWithAgent(config: DroverConfig): Web {
    const agentSite = stageAgentSite(path.join(REPO_ROOT, 'dist', 'agent-site'));
    const web = new Web(this, 'Web', {
      httpApi: this.api.httpApi,
      portalAssetsPath: path.resolve(REPO_ROOT, config.portalAssetsPath),
      agentSiteDir: agentSite.dir,
      isProd: config.isProd,
      domain:
        config.portalDomain && config.certificateArn
          ? { name: config.portalDomain, certificateArn: config.certificateArn }
          : undefined,
      webAclArn: config.webAclArn,
    });
    const webOrigin = `https://${config.portalDomain ?? web.distribution.distributionDomainName}`;
    this.reconcile.function.addEnvironment('AGENT_DOWNLOAD_URL', `${webOrigin}/${AGENT_SITE_KEY}`);
    this.reconcile.function.addEnvironment('AGENT_BUNDLE_SHA256', agentSite.sha256);
    return web;
  }

  private addOutputs(config: DroverConfig, agentApiUrl: string): void {
    new CfnOutput(this, 'PortalUrl', {
      value: `https://${config.portalDomain ?? this.web.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'ApiUrl', {
      value: `https://${config.portalDomain ?? this.web.distribution.distributionDomainName}/api/v1`,
    });
    new CfnOutput(this, 'ApiEndpoint', { value: this.api.httpApi.apiEndpoint });
    new CfnOutput(this, 'AgentApiUrl', { value: agentApiUrl });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'EventBusName', { value: this.events.bus.eventBusName });
    new CfnOutput(this, 'ReconcileFunctionName', { value: this.reconcile.function.functionName });
    new CfnOutput(this, 'WebhookDeadLetterQueueUrl', { value: this.webhooks.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'AgentTokenKeySecretArn', { value: this.agentTokenKey.secret.secretArn });
    new CfnOutput(this, 'PortalBucketName', { value: this.web.bucket.bucketName });
  }

  /**
   * What pages the operator: DLQs, function errors and throttles, API 5xx, reconcile and webhook
   * failures, degraded farms, to one topic; and a dashboard of the same figures.
   */
  private createAlarms(config: DroverConfig, stageSuffix: string): Alarms {
    return new Alarms(this, 'Alarms', {
      deadLetterQueues: {
        Events: this.events.deadLetterQueue,
        Reconcile: this.reconcile.deadLetterQueue,
        Webhooks: this.webhooks.deadLetterQueue,
      },
      functions: {
        Reconcile: this.reconcile.function,
        Dispatcher: this.webhooks.dispatcher,
        Orchestration: this.orchestration.function,
        AgentChannel: this.agentChannel.function,
        ...Object.fromEntries(
          Object.entries(this.api.functions).map(([group, fn]) => [
            `Api${group[0]!.toUpperCase()}${group.slice(1)}`,
            fn,
          ]),
        ),
      },
      httpApi: this.api.httpApi,
      alarmEmail: config.alarmEmail,
      degradedFarmMinutes: config.degradedFarmMinutes,
      dashboardName: `Drover${stageSuffix}`,
    });
  }
}

/** Every function's defaults, and the variables all of them read. */
function functionFactory(config: DroverConfig): FunctionFactory {
  return new FunctionFactory({
    environment: {
      DROVER_STAGE: config.stage ?? 'default',
      POWERTOOLS_SERVICE_NAME: 'drover',
      // The operator's egress allow-list (functions/composition/egress-from-environment.ts).
      ...(config.egressAllow.length ? { DROVER_EGRESS_ALLOW: config.egressAllow.join(',') } : {}),
    },
    logRetentionDays: config.logRetentionDays,
    retainLogs: config.isProd,
  });
}
