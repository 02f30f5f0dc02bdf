// One pass's access to the clouds: a driver per credentials (secrets opened once per pass),
// and a count of every cloud call, for the summary and the benchmarks, and of every call that
// failed by CloudError kind, for the operator's CloudErrors metric.
import type { CloudCredentialsWithSecrets } from '../../domain/schemas/credentials';
import { type CloudDriver, CloudError } from '../../ports/cloud-driver';
import { openCredentials } from '../credentials';
import type { ReconcileDeps } from './deps';

export class CloudAccess {
  readonly calls: Record<string, number> = {};
  readonly errors: Record<string, number> = {};
  private readonly drivers = new Map<string, Promise<CloudDriver>>();

  constructor(
    private readonly deps: Pick<ReconcileDeps, 'store' | 'secrets' | 'drivers'>,
    private readonly accountId: string,
    private readonly environmentId: string,
  ) {}

  driver(credentialsId: string): Promise<CloudDriver> {
    let driver = this.drivers.get(credentialsId);
    if (!driver) {
      driver = openCredentials(
        this.deps,
        { accountId: this.accountId },
        this.environmentId,
        credentialsId,
      ).then((c) => this.counted(this.deps.drivers(c as CloudCredentialsWithSecrets)));
      this.drivers.set(credentialsId, driver);
    }
    return driver;
  }

  private counted(driver: CloudDriver): CloudDriver {
    const { calls, errors } = this;
    return new Proxy(driver, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls[String(prop)] = (calls[String(prop)] ?? 0) + 1;
          const result = value.apply(target, args);
          if (!(result instanceof Promise)) return result;
          return result.catch((err: unknown) => {
            if (err instanceof CloudError) errors[err.kind] = (errors[err.kind] ?? 0) + 1;
            throw err;
          });
        };
      },
    });
  }
}
