// The CDK app: one Drover stack per stage (`-c stage=prod` → `Drover-prod`), checked by
// cdk-nag's AwsSolutions pack during synthesis (a violation stops `cdk synth`).
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from '../config';
import { DroverStack } from '../drover-stack';

const app = new App();
const config = readConfig(app.node);

new DroverStack(app, config.stackName, {
  config,
  description: `Drover: serverless multi-cloud management platform (${config.stage ?? 'default'} stage)`,
  // Env-agnostic when neither context nor the CLI's profile names them (offline synth).
  env: config.account || config.region ? { account: config.account, region: config.region } : undefined,
  terminationProtection: config.isProd,
});

Tags.of(app).add('application', 'drover');
Tags.of(app).add('drover:stage', config.stage ?? 'default');

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
