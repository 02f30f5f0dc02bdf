// The Drover stack: composes one construct per runtime concern (ARCHITECTURE §3) and wires
// what they share (table, bus, keys, environment variables).
import path from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { type DroverConfig, REPO_ROOT } from './config';
import { Api } from './constructs/api';
import { Data } from './constructs/data';
import { Events } from './constructs/events';
import { FunctionFactory } from './constructs/function-factory';
import { Reconcile } from './constructs/reconcile';
import { Web } from './constructs/web';

export interface DroverStackProps extends StackProps {
  config: DroverConfig;
  /** Overrides the reconcile handler entry (tests point it at a fixture). */
  reconcileEntry?: string;
  /** Overrides where the API group handlers live (tests point it at a fixture). */
  apiHandlersDir?: string;
}

export class DroverStack extends Stack {
  readonly data: Data;
  readonly events: Events;
  readonly reconcile: Reconcile;
  readonly api: Api;
  readonly web: Web;

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

    const functions = new FunctionFactory({
      environment: {
        DROVER_STAGE: config.stage ?? 'default',
        TABLE_NAME: this.data.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'drover',
      },
      logRetentionDays: config.logRetentionDays,
      retainLogs: config.isProd,
    });

    this.reconcile = new Reconcile(this, 'Reconcile', {
      functions,
      data: this.data,
      bus: this.events.bus,
      scheduleGroupName: config.scheduleGroupName,
      isProd: config.isProd,
      entry: props.reconcileEntry,
    });

    this.api = new Api(this, 'Api', {
      functions,
      data: this.data,
      bus: this.events.bus,
      auth: config.authIssuer
        ? { issuer: config.authIssuer, jwksUrl: config.authJwksUrl, audience: config.authAudience }
        : undefined,
      corsOrigins: [
        ...(config.portalDomain ? [`https://${config.portalDomain}`] : []),
        ...config.corsOrigins,
      ],
      logRetentionDays: config.logRetentionDays,
      retainLogs: config.isProd,
      handlersDir: props.apiHandlersDir,
    });

    // Launching, suspending and terminating farms creates and deletes their schedules.
    const farms = this.api.functions.farms;
    if (farms) {
      for (const [name, value] of Object.entries(this.reconcile.grantScheduleManagement(farms))) {
        farms.addEnvironment(name, value);
      }
    }

    this.web = new Web(this, 'Web', {
      httpApi: this.api.httpApi,
      portalAssetsPath: path.resolve(REPO_ROOT, config.portalAssetsPath),
      isProd: config.isProd,
      domain:
        config.portalDomain && config.certificateArn
          ? { name: config.portalDomain, certificateArn: config.certificateArn }
          : undefined,
      webAclArn: config.webAclArn,
    });

    new CfnOutput(this, 'PortalUrl', {
      value: `https://${config.portalDomain ?? this.web.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'ApiUrl', {
      value: `https://${config.portalDomain ?? this.web.distribution.distributionDomainName}/api/v1`,
    });
    new CfnOutput(this, 'ApiEndpoint', { value: this.api.httpApi.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.events.bus.eventBusName });
    new CfnOutput(this, 'PortalBucketName', { value: this.web.bucket.bucketName });
  }
}
