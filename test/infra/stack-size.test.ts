// The prod stack's size against CloudFormation's hard limit of 500 resources per stack: a stack
// over it cannot deploy at all, and only a synth shows it. The API's invoke permissions are one per
// group function (not one per route, ~150 of them), which is what keeps the stack well below it.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/config';
import { DroverStack } from '../../infra/drover-stack';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
const CLOUDFORMATION_LIMIT = 500;
/** Room kept for what comes next: a stack within this many of the limit fails here first. */
const HEADROOM = 60;

function prodTemplate(): Template {
  const app = new App({
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      portalAssetsPath: 'test/infra/fixtures/portal',
      authIssuer: 'https://issuer.example.com',
      stage: 'prod',
      account: '123456789012',
      region: 'eu-west-1',
      portalDomain: 'drover.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      tableEncryption: 'customer-managed',
    },
  });
  const config = readConfig(app.node);
  return Template.fromStack(new DroverStack(app, config.stackName, { config }));
}

describe('the prod stack within CloudFormation limits', () => {
  const template = prodTemplate();
  const resources = Object.values(
    template.toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>,
  );

  it(`keeps ${HEADROOM} resources of headroom under the ${CLOUDFORMATION_LIMIT}-resource limit`, () => {
    expect(resources.length).toBeLessThanOrEqual(CLOUDFORMATION_LIMIT - HEADROOM);
  });

  it('grants API Gateway one invoke permission per function for the HTTP API, not one per route', () => {
    const fromApiGateway = resources.filter(
      (r) =>
        r.Type === 'AWS::Lambda::Permission' &&
        JSON.stringify(r.Properties?.Principal) === '"apigateway.amazonaws.com"' &&
        JSON.stringify(r.Properties?.SourceArn).includes('ApiHttpApi'),
    );
    const targets = fromApiGateway.map((r) => JSON.stringify(r.Properties?.FunctionName));
    const routes = resources.filter((r) => r.Type === 'AWS::ApiGatewayV2::Route').length;
    expect(fromApiGateway.length).toBeGreaterThan(0);
    expect(fromApiGateway.length).toBeLessThan(routes / 3);
    expect(new Set(targets).size, 'no function granted twice').toBe(targets.length);
  });
});
