// The portal in AWS: the static Next.js export in a private S3 bucket behind CloudFront (origin
// access control), and `/api/*` forwarded to the HTTP API, so the portal calls same-origin
// `/api/v1` exactly as it does in the local runtime: no CORS, no API URL baked into the build.
// The same bucket serves `/agent/drover-agent.mjs` to servers whose image lacks the agent: a
// static file on a CDN costs nothing per boot, where serving it from a Lambda would run one
// per download and pass the ~1 MB body through API Gateway.
import { existsSync } from 'node:fs';
import {
  Annotations,
  DefaultStackSynthesizer,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { nagPseudo, wildcardArnFinding } from './nag-findings';

export interface WebProps {
  httpApi: IHttpApi;
  /** Absolute path of the static export (`frontend/out`); deployed only if it exists at synth time. */
  portalAssetsPath: string;
  /** A folder holding `agent/drover-agent.mjs` (infra/agent-site.ts), deployed with the portal. */
  agentSiteDir?: string;
  isProd: boolean;
  /** A custom domain with its ACM certificate (us-east-1); else the `*.cloudfront.net` name. */
  domain?: { name: string; certificateArn: string };
  /** A WAFv2 web ACL (scope CLOUDFRONT) in front of portal and API. */
  webAclArn?: string;
}

// Next's static export with `trailingSlash: true` writes `/farms/index.html`; S3 has no
// directory index behind OAC, so the viewer request is rewritten at the edge. `/api/*` never
// passes here (it has its own behaviour).
const INDEX_REWRITE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) {
    request.uri = uri + '/index.html';
  }
  return request;
}`;

export class Web extends Construct {
  readonly bucket: Bucket;
  readonly logsBucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const removalPolicy = props.isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.logsBucket = this.createLogsBucket(removalPolicy);
    this.bucket = new Bucket(this, 'PortalBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logsBucket,
      serverAccessLogsPrefix: 's3/portal/',
      removalPolicy,
    });
    this.distribution = this.createDistribution(props, this.createSecurityHeaders());
    this.acknowledgeDistributionFindings(props);
    const sources = this.portalSources(props);
    if (sources.length) this.deployPortal(sources);
  }

  /** The export (when built) and the agent's folder; warns when there is no export. */
  private portalSources(props: WebProps): string[] {
    const sources: string[] = [];
    if (existsSync(props.portalAssetsPath)) sources.push(props.portalAssetsPath);
    else
      Annotations.of(this).addWarningV2(
        'drover:portal-export-missing',
        `${props.portalAssetsPath} does not exist: the portal bucket stays empty. Run \`npm run build:portal\` and synthesize again.`,
      );
    // One deployment for both: two would each prune the other's files from the bucket.
    if (props.agentSiteDir) sources.push(props.agentSiteDir);
    return sources;
  }

  private createLogsBucket(removalPolicy: RemovalPolicy): Bucket {
    // CloudFront standard logs are written with ACLs, hence BUCKET_OWNER_PREFERRED here only.
    const logsBucket = new Bucket(this, 'LogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy,
      autoDeleteObjects: false,
    });
    Validations.of(logsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });
    return logsBucket;
  }

  private createSecurityHeaders(): ResponseHeadersPolicy {
    return new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Drover portal security headers',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        // Next's static export inlines its bootstrap scripts and styles, hence 'unsafe-inline';
        // everything else, including fetch, stays on this origin.
        contentSecurityPolicy: {
          contentSecurityPolicy:
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
          override: true,
        },
      },
    });
  }

  /** The portal from the bucket by default, `/api/*` from the HTTP API. */
  private createDistribution(props: WebProps, securityHeaders: ResponseHeadersPolicy): Distribution {
    // apiEndpoint is `https://<id>.execute-api.<region>.amazonaws.com`: the origin is its host.
    const apiOrigin = new HttpOrigin(Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint)), {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });

    const certificate = props.domain
      ? Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn)
      : undefined;

    return new Distribution(this, 'Distribution', {
      comment: `Drover portal and API (${Stack.of(this).stackName})`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      domainNames: props.domain ? [props.domain.name] : undefined,
      certificate,
      // Only meaningful with our own certificate; the default one's policy is fixed by CloudFront.
      minimumProtocolVersion: certificate ? SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      webAclId: props.webAclArn,
      enableLogging: true,
      logBucket: this.logsBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CloudFrontFunction(this, 'IndexRewrite', {
              code: FunctionCode.fromInline(INDEX_REWRITE),
              comment: 'Serve <path>/index.html for directory-style portal URLs',
            }),
          },
        ],
      },
      additionalBehaviors: {
        // Never cached; every viewer header but Host (API Gateway routes on its own host name)
        // goes through, Authorization and If-Match included.
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });
  }

  private acknowledgeDistributionFindings(props: WebProps): void {
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'The portal serves a global audience; access is governed by sign-in, not by country.',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'A web ACL costs a fixed monthly fee; deployments that want one pass -c webAclArn=… (the API also throttles per stage).',
      });
    }
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose TLS policy cannot be set; pass portalDomain + certificateArn to enforce TLSv1.2_2021.',
      });
    }
  }

  private deployPortal(assetPaths: string[]): void {
    new BucketDeployment(this, 'PortalDeployment', {
      sources: assetPaths.map((p) => Source.asset(p)),
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    // BucketDeployment runs a CDK-owned singleton Lambda at the stack's root; its runtime and
    // policies are CDK's, so the findings are acknowledged on that function only.
    const stack = Stack.of(this);
    const provider = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!provider) throw new Error('BucketDeployment provider function not found: did CDK rename it?');
    const { partition, region, account } = nagPseudo(this);
    const qualifier =
      stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ??
      DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const because = (what: string) =>
      `CDK's BucketDeployment provider (copies the portal export at deploy time): ${what}`;
    const acknowledgements: [string, string][] = [
      ['AwsSolutions-L1', because('its runtime is chosen and updated by aws-cdk-lib.')],
      [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        because('the managed basic-execution policy only allows writing its own logs.'),
      ],
      ['AwsSolutions-IAM5[Action::s3:GetBucket*]', because('read the CDK asset bucket.')],
      ['AwsSolutions-IAM5[Action::s3:GetObject*]', because('read the portal asset zip.')],
      ['AwsSolutions-IAM5[Action::s3:List*]', because('list the asset and portal buckets to sync.')],
      [
        'AwsSolutions-IAM5[Action::s3:Abort*]',
        because('abort failed multipart uploads to the portal bucket.'),
      ],
      ['AwsSolutions-IAM5[Action::s3:DeleteObject*]', because('prune files no longer in the export.')],
      [
        `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-${qualifier}-assets-${account}-${region}/*]`,
        because('the bootstrap asset bucket holds the zip under a content-hash key.'),
      ],
      [wildcardArnFinding(this.bucket, '/*'), because('it writes every object of the portal bucket.')],
      [
        'AwsSolutions-IAM5[Resource::*]',
        because('cloudfront:CreateInvalidation has no resource-level scoping here.'),
      ],
    ];
    for (const [id, reason] of acknowledgements) Validations.of(provider).acknowledge({ id, reason });
  }
}
