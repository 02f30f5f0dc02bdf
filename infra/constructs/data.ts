// The stored state: the one DynamoDB table (keys and indexes from the definition the local
// runtime uses too) and the KMS key that seals cloud credentials' secrets (the SecretBox).
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { TABLE } from '../../functions/adapters/dynamodb/table';
import { wildcardArnFinding } from './nag-findings';

export interface DataProps {
  /** prod: the table is deletion-protected and, like the key, kept when the stack goes. */
  isProd: boolean;
  /** Alias suffix of the secrets key, so stages in one account do not collide. */
  stageSuffix: string;
  /**
   * `customer-managed` encrypts the table with its own KMS key (auditable in CloudTrail, key
   * policy under your control) at about $1/month plus requests.
   * @default 'aws-managed'
   */
  tableEncryption?: 'aws-managed' | 'customer-managed';
}

export class Data extends Construct {
  readonly table: Table;
  readonly secretsKey: Key;
  readonly tableKey: Key | undefined;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const removalPolicy = props.isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.tableKey =
      props.tableEncryption === 'customer-managed'
        ? new Key(this, 'TableKey', {
            description: 'Drover table encryption',
            enableKeyRotation: true,
            removalPolicy,
          })
        : undefined;

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: this.tableKey ? TableEncryption.CUSTOMER_MANAGED : TableEncryption.AWS_MANAGED,
      encryptionKey: this.tableKey,
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      deletionProtection: props.isProd,
      removalPolicy,
    });
    for (const index of TABLE.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    // Credentials' secrets are sealed with Encrypt/Decrypt under this key, with an encryption
    // context naming their owner, so a ciphertext copied to another item does not open.
    this.secretsKey = new Key(this, 'SecretsKey', {
      description: 'Drover SecretBox: cloud credentials secrets',
      alias: `alias/drover${props.stageSuffix}/secrets`,
      enableKeyRotation: true,
      removalPolicy,
      pendingWindow: props.isProd ? Duration.days(30) : Duration.days(7),
    });
  }

  /** Item read/write on the table and its indexes (the only wildcard: `<table>/index/*`). */
  grantTableReadWrite(fn: LambdaFunction): void {
    this.table.grantReadWriteData(fn);
    Validations.of(fn.role!).acknowledge({
      id: wildcardArnFinding(this.table, '/index/*'),
      reason: 'Queries go through the GSIs of the Drover table; the wildcard covers only its indexes.',
    });
    if (this.tableKey) {
      for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
        Validations.of(fn.role!).acknowledge({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason: 'DynamoDB grant on the table key (customer-managed encryption), limited to that one key.',
        });
      }
    }
  }

  /** Seal secrets (credentials API): explicit Encrypt/Decrypt, no envelope, no wildcards. */
  grantSealSecrets(fn: LambdaFunction): void {
    this.secretsKey.grant(fn, 'kms:Encrypt', 'kms:Decrypt');
  }

  /** Open secrets (the reconciler's cloud drivers). */
  grantOpenSecrets(fn: LambdaFunction): void {
    this.secretsKey.grant(fn, 'kms:Decrypt');
  }
}
