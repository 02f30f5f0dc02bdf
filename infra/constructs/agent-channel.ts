// The agents' push channel in AWS: an API Gateway WebSocket API. Each drover-agent holds one
// outbound connection (no inbound port on the host); $connect and $disconnect go to a small
// Lambda (functions/handlers/agent-channel.ts) that checks the server token and keeps the
// connection ids in the table; the agent's keep-alive (`{"action":"ping"}`, after 9 minutes
// without a message either way, against the 10-minute idle timeout) goes to a mock integration,
// so an idle agent costs connection-minutes and messages but no Lambda. Whoever nudges agents
// (the orchestrator, the agent API group's synchronous BeforeHostUp) gets AGENT_CHANNEL_ENDPOINT
// and execute-api:ManageConnections through grantNudge().

import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  WebSocketLambdaIntegration,
  WebSocketMockIntegration,
} from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IGrantable, IRole } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { AgentTokenKey } from './agent-token-key';
import type { Data } from './data';
import type { FunctionFactory } from './function-factory';
import { nagPseudo } from './nag-findings';

export interface AgentChannelProps {
  functions: FunctionFactory;
  data: Data;
  agentTokenKey: AgentTokenKey;
  stageName?: string;
}

export class AgentChannel extends Construct {
  readonly api: WebSocketApi;
  readonly stage: WebSocketStage;
  readonly function: LambdaFunction;

  constructor(scope: Construct, id: string, props: AgentChannelProps) {
    super(scope, id);
    this.function = props.functions.createFunction(this, 'Function', {
      entry: 'functions/handlers/agent-channel.ts',
      description: 'Drover agent channel: WebSocket $connect (server token) and $disconnect',
      environment: { TABLE_NAME: props.data.table.tableName, ...props.agentTokenKey.environment() },
    });
    props.data.grantTableReadWrite(this.function);
    const integration = (name: string) => new WebSocketLambdaIntegration(name, this.function);
    this.api = new WebSocketApi(this, 'Api', {
      description: 'Drover: drover-agent push channel',
      routeSelectionExpression: '$request.body.action',
      connectRouteOptions: { integration: integration('Connect') },
      disconnectRouteOptions: { integration: integration('Disconnect') },
    });
    this.api.addRoute('ping', { integration: new WebSocketMockIntegration('Heartbeat') });
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: props.stageName ?? 'live',
      autoDeploy: true,
    });
    for (const route of this.api.node.findAll()) {
      if (!route.node.id.endsWith('-Route')) continue;
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'The $connect Lambda is the authorizer: it verifies the server token (HMAC) and refuses the upgrade; later frames ride the authorized connection.',
      });
    }
    Validations.of(this.stage).acknowledge({
      id: 'AwsSolutions-APIG1',
      reason:
        'Connections are logged by the $connect/$disconnect Lambda (server id, connection id); per-frame access logs of heartbeats would cost more than the channel itself.',
    });
  }

  /** wss://… — what agents connect to (DROVER_CHANNEL_URL in their user data). */
  get url(): string {
    return this.stage.url;
  }

  /** Lets a function nudge agents: the management endpoint and PostToConnection on this stage. */
  grantNudge(
    grantee: IGrantable & { role?: IRole; addEnvironment(key: string, value: string): unknown },
  ): void {
    this.api.grantManageConnections(grantee);
    grantee.addEnvironment('AGENT_CHANNEL_ENDPOINT', this.stage.callbackUrl);
    const { partition, region, account } = nagPseudo(this);
    const apiId = Stack.of(this).resolve(
      Stack.of(this).getLogicalId(this.api.node.defaultChild as CfnElement),
    );
    if (grantee.role)
      Validations.of(grantee.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:${partition}:execute-api:${region}:${account}:<${apiId}>/*/*/@connections/*]`,
        reason: 'Connection ids are only known at runtime; the grant is limited to this WebSocket API.',
      });
  }
}
