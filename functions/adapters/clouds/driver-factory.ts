// Picks the driver for a credentials' platform: the one place that knows every driver.
// Drivers are kept per credentials id and version (a version names one secret exactly), so
// every pass in a warm Lambda or the local runtime shares one SDK client — its connection
// pool, its adaptive rate limiter, its assumed-role session — instead of starting cold.
import type { CloudCredentialsWithSecrets } from '../../domain/schemas/credentials';
import type { CloudDriver, CloudDriverFactory } from '../../ports/cloud-driver';
import { createAwsDriver } from './aws';
import { createGceDriver } from './gce';

const MAX_CACHED = 500;
const cache = new Map<string, CloudDriver>();

export const createCloudDriver: CloudDriverFactory = (credentials: CloudCredentialsWithSecrets) => {
  const key = `${credentials.accountId}/${credentials.id}/${credentials.version}`;
  const cached = cache.get(key);
  if (cached) {
    // Map order is insertion order: re-insert to keep the most recently used last.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const driver = credentials.platform === 'aws' ? createAwsDriver(credentials) : createGceDriver(credentials);
  cache.set(key, driver);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return driver;
};
