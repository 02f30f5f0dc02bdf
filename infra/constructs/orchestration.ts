// The orchestration path (functions/handlers/orchestration.ts): the rule
// `orchestration-on-drover-events` (constructs/events.ts) invokes the orchestrator with every
// Drover event; it writes the executions its rules ask for and nudges the agents. The rule
// invokes the function directly rather than through a queue: a task should start within about a
// second of its event, a retried invocation is harmless (execution ids are derived from the
// event), and EventBridge's retries plus the events construct's DLQ keep what fails.
import { Duration } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { Data } from './data';
import type { FunctionFactory } from './function-factory';

export interface OrchestrationProps {
  functions: FunctionFactory;
  data: Data;
  /** The handler module, relative to the repository root. @default 'functions/handlers/orchestration.ts' */
  entry?: string;
}

export class Orchestration extends Construct {
  readonly function: LambdaFunction;

  constructor(scope: Construct, id: string, props: OrchestrationProps) {
    super(scope, id);
    // An environment-wide fan-out reads every farm of the environment: half a minute is ample.
    this.function = props.functions.createFunction(this, 'Function', {
      entry: props.entry ?? 'functions/handlers/orchestration.ts',
      description: 'Drover orchestration: turn Drover events into script executions on servers',
      timeout: Duration.seconds(30),
      environment: { TABLE_NAME: props.data.table.tableName },
    });
    props.data.grantTableReadWrite(this.function);
  }
}
