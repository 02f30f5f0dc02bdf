// Picks the driver for a credentials' platform: the one place that knows every driver.
import type { CloudDriverFactory } from '../../ports/cloud-driver';
import { CloudError } from '../../ports/cloud-driver';

export const createCloudDriver: CloudDriverFactory = (credentials) => {
  throw new CloudError('InvalidSpec', `no driver for platform ${credentials.platform} yet`);
};
