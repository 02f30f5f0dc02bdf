// Picks the driver for a credentials' platform: the one place that knows every driver.
import type { CloudDriverFactory } from '../../ports/cloud-driver';
import { createAwsDriver } from './aws';
import { createGceDriver } from './gce';

export const createCloudDriver: CloudDriverFactory = (credentials) =>
  credentials.platform === 'aws' ? createAwsDriver(credentials) : createGceDriver(credentials);
