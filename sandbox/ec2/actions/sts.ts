// STS AssumeRole on the sandbox endpoint, so credentials of type `assumeRole` with an
// `endpoint` work end to end: the answer carries dummy temporary credentials in STS's
// awsQuery shape (`<AssumeRoleResponse><AssumeRoleResult>…`), which is not EC2's shape.
import { randomBytes } from 'node:crypto';
import { Ec2ApiError } from '../errors';
import type { QueryParams } from '../query';
import { xmlDocument } from '../xml';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/([\w+=,.@/-]+)$/;

export function assumeRole(params: QueryParams, requestId: string): string {
  const roleArn = params.get('RoleArn');
  const sessionName = params.get('RoleSessionName');
  if (!roleArn)
    throw new Ec2ApiError(
      'ValidationError',
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint",
    );
  if (!sessionName) {
    throw new Ec2ApiError(
      'ValidationError',
      "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint",
    );
  }
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw new Ec2ApiError('ValidationError', `${roleArn} is invalid`);
  const externalId = params.get('ExternalId');
  if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    throw new Ec2ApiError('ValidationError', 'The external id is invalid');
  }
  const duration = params.int('DurationSeconds', 3600)!;
  const roleId = `AROA${randomBytes(8).toString('hex').toUpperCase()}`;
  return xmlDocument({
    AssumeRoleResponse: {
      '@_xmlns': STS_NAMESPACE,
      AssumeRoleResult: {
        Credentials: {
          AccessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
          SecretAccessKey: randomBytes(30).toString('base64'),
          SessionToken: `sandbox/${randomBytes(48).toString('base64')}`,
          Expiration: new Date(Date.now() + duration * 1000).toISOString(),
        },
        AssumedRoleUser: {
          Arn: `arn:aws:sts::${match[1]}:assumed-role/${match[2]}/${sessionName}`,
          AssumedRoleId: `${roleId}:${sessionName}`,
        },
        PackedPolicySize: 0,
      },
      ResponseMetadata: { RequestId: requestId },
    },
  });
}
