// The agents' push channel in the template: a WebSocket API whose $connect/$disconnect reach the
// channel Lambda (token check, connection ids in the table), a heartbeat route that costs no
// Lambda, and the nudgers (orchestrator, agent API group) allowed to PostToConnection with the
// stage's management endpoint in their environment.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/config';
import { DroverStack } from '../../infra/drover-stack';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
let template: Template;

beforeAll(() => {
  const app = new App({
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      portalAssetsPath: 'test/infra/fixtures/portal',
      authIssuer: 'https://issuer.example.com',
    },
  });
  const config = readConfig(app.node);
  template = Template.fromStack(new DroverStack(app, config.stackName, { config }));
});

const functionLogicalId = (description: string) =>
  Object.keys(
    template.findResources('AWS::Lambda::Function', { Properties: { Description: description } }),
  )[0]!;

describe('the agent channel', () => {
  it('is a WebSocket API routed on the message action, deployed to a stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'live', AutoDeploy: true });
  });

  it('sends $connect and $disconnect to the channel function, and the heartbeat to a mock', () => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const keys = Object.values(routes).map((r) => r.Properties.RouteKey);
    expect(keys).toEqual(expect.arrayContaining(['$connect', '$disconnect', 'ping']));
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'MOCK' });
    const channel = functionLogicalId(
      'Drover agent channel: WebSocket $connect (server token) and $disconnect',
    );
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: Match.objectLike({
        'Fn::Join': Match.arrayWith([
          Match.arrayWith([Match.objectLike({ 'Fn::GetAtt': [channel, 'Arn'] })]),
        ]),
      }),
    });
  });

  it('gives the channel function the table and the agent token key', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Drover agent channel: WebSocket $connect (server token) and $disconnect',
      Environment: {
        Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), AGENT_TOKEN_KEY: Match.anyValue() }),
      },
    });
  });

  it.each([
    ['the orchestrator', 'Drover orchestration: turn Drover events into script executions on servers'],
    [
      'the reconciler (it re-nudges executions left queued)',
      'Drover reconcile: one observe-diff-act pass over one farm',
    ],
  ])('lets %s nudge agents: the management endpoint and ManageConnections', (_who, description) => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: description,
      Environment: { Variables: Match.objectLike({ AGENT_CHANNEL_ENDPOINT: Match.anyValue() }) },
    });
    const role = template.findResources('AWS::Lambda::Function', {
      Properties: { Description: description },
    });
    const roleRef = Object.values(role)[0]!.Properties.Role['Fn::GetAtt'][0];
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: Match.arrayWith([{ Ref: roleRef }]) },
    });
    const actions = Object.values(policies).flatMap((p) =>
      p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()),
    );
    expect(actions).toContain('execute-api:ManageConnections');
  });

  it('lets the agent API group nudge agents too (its BeforeHostUp report orchestrates)', () => {
    // The orchestrator, the reconciler and the agent group: three.
    const fns = template.findResources('AWS::Lambda::Function', {
      Properties: {
        Environment: { Variables: Match.objectLike({ AGENT_CHANNEL_ENDPOINT: Match.anyValue() }) },
      },
    });
    expect(Object.keys(fns).length).toBe(3);
  });
});
