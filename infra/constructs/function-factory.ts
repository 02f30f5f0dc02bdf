// One place for the defaults of every Drover Lambda: runtime, architecture, memory, timeout,
// logs, tracing and bundling. Constructs ask the factory for a function and add only what is
// theirs (environment, grants), so no Lambda drifts from the house settings.
import path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { REPO_ROOT } from '../config';

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

// esbuild emits ESM (top-level await, smaller cold starts); some dependencies are CommonJS and
// use what ESM lacks, so the bundle defines it: `require` for Node built-ins, and `__filename`
// and `__dirname` (google-gax computes `path.join(__dirname, …)` as @google-cloud/compute loads,
// which threw at import in the reconcile, credentials and servers bundles). They name the
// bundle's own file and directory (/var/task): nothing there is read from them at run time, as
// the GCE clients run in REST fallback mode, whose protos are JSON bundled in by esbuild.
// test/infra/lambda-bundles.test.ts imports and invokes every bundle as synth builds it.
const ESM_BANNER = [
  "import { createRequire as __droverCreateRequire } from 'node:module';",
  "import { fileURLToPath as __droverFileURLToPath } from 'node:url';",
  "import { dirname as __droverDirname } from 'node:path';",
  'const require = __droverCreateRequire(import.meta.url);',
  'const __filename = __droverFileURLToPath(import.meta.url);',
  'const __dirname = __droverDirname(__filename);',
].join(' ');

export class FunctionFactory {
  constructor(private readonly props: FunctionFactoryProps) {
    if (!Object.values(RetentionDays).includes(props.logRetentionDays)) {
      throw new Error(`logRetentionDays=${props.logRetentionDays} is not a CloudWatch Logs retention period`);
    }
  }

  createFunction(scope: Construct, id: string, props: DroverFunctionProps): NodejsFunction {
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

    const fn = new NodejsFunction(scope, id, {
      entry: path.resolve(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
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
      bundling: {
        // esbuild from node_modules; never Docker (none on build machines, and slower).
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_BANNER,
        minify: true,
        // Error classes answer their name as the problem `code`; minified names would leak as `$n`.
        keepNames: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        // Bundle the AWS SDK too: the versions we test with are the versions we run, instead
        // of whatever the runtime ships this month.
        externalModules: [],
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
