// The AWS cloud driver: `createAwsDriver(credentials)` is the CloudDriverFactory for `platform: 'aws'`.
import type { CloudCredentialsWithSecrets } from '../../../domain/schemas/credentials';
import { CloudError } from '../../../ports/cloud-driver';
import { type AwsClientOptions, Ec2Clients } from './client';
import { AwsCloudDriver } from './driver';

export interface AwsDriverOptions extends AwsClientOptions {
  /** DescribeInstances page size (5..1000, default 1000); tests lower it to exercise pagination. */
  pageSize?: number;
}

export function createAwsDriver(
  credentials: CloudCredentialsWithSecrets,
  options: AwsDriverOptions = {},
): AwsCloudDriver {
  if (credentials.platform !== 'aws') {
    throw new CloudError(
      'InvalidSpec',
      `credentials ${credentials.id} are for ${credentials.platform}, not aws`,
    );
  }
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 5 || pageSize > 1000)
    throw new RangeError('pageSize must be 5..1000');
  return new AwsCloudDriver(new Ec2Clients(credentials, options), { pageSize });
}

export { AwsCloudDriver } from './driver';
export { toCloudError } from './errors';
export { clientTokenFor } from './launch-request';
