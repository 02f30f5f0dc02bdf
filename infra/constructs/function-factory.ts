// One place for the defaults of every Drover Lambda: runtime, architecture, memory, timeout,
// logs, tracing and bundling. Constructs ask the factory for a function and add only what is
// theirs (environment, grants), so no Lambda drifts from the house settings.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { LAMBDA_ENTRY_FILE, lambdaCode } from './lambda-bundle';

export interface FunctionFactoryProps {
  /** Environment every function gets (stage, service name…); a function's own values win. */
  environment: Record<string, string>;
  logRetentionDays: number;
  /** Whether log groups outlive the stack (prod). */
  retainLogs: boolean;
}

export interface DroverFunctionProps {
  /** The handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  /** A fixed name, for a function whose ARN others must know before it exists (no circular reference). */
  functionName?: string;
  environment?: Record<string, string>;
  /** @default 10 seconds */
  timeout?: Duration;
  /** @default 512 MB */
  memorySize?: number;
  /** Where failed asynchronous invocations go after Lambda's own retries. */
  deadLetterQueue?: IQueue;
}

export class FunctionFactory {
  constructor(private readonly props: FunctionFactoryProps) {
    if (!Object.values(RetentionDays).includes(props.logRetentionDays)) {
      throw new Error(`logRetentionDays=${props.logRetentionDays} is not a CloudWatch Logs retention period`);
    }
  }

  createFunction(scope: Construct, id: string, props: DroverFunctionProps): LambdaFunction {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: this.props.logRetentionDays as RetentionDays,
      removalPolicy: this.props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // Our own role instead of the AWSLambdaBasicExecutionRole managed policy: it may write to
    // this function's log group only.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    logGroup.grantWrite(role);

    const fn = new LambdaFunction(scope, id, {
      // The split ESM bundle of lambda-bundle.ts: index.mjs plus a chunk per dynamic import.
      code: lambdaCode(props.entry),
      handler: `${LAMBDA_ENTRY_FILE.replace(/\.mjs$/, '')}.handler`,
      description: props.description,
      functionName: props.functionName,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup,
      tracing: Tracing.ACTIVE,
      deadLetterQueue: props.deadLetterQueue,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        ...this.props.environment,
        ...props.environment,
      },
    });

    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Drover targets Node 22 (nodejs22.x) on purpose: the toolchain, tests and local runtime run Node 22; move with them.',
    });
    // X-Ray's PutTraceSegments/PutTelemetryRecords have no resource-level permissions.
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords only accept Resource "*".',
    });
    return fn;
  }
}
