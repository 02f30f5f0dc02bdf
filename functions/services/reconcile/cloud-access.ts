// One pass's access to the clouds: a driver per credentials (secrets opened once per pass),
// and a count of every cloud call, for the summary and the benchmarks, and of every call that
// failed by CloudError kind, for the operator's CloudErrors metric. Every call that changes a
// location (launch, terminate, stop, start, reboot) is noted on the inventory once it returns
// or fails (a failed call may still have acted), so the farm's next pass looks at the cloud itself.
import type { CloudCredentialsWithSecrets } from '../../domain/schemas/credentials';
import { type CloudDriver, CloudError } from '../../ports/cloud-driver';
import { openCredentials } from '../credentials';
import type { ReconcileDeps } from './deps';
import { noteLocationChange } from './inventory-changes';

/** The driver's calls that change what a location runs, and where each one acts. */
const CHANGES: Record<string, (args: unknown[]) => string> = {
  launch: (args) => (args[0] as { region: string }).region,
  terminate: (args) => args[0] as string,
  stop: (args) => args[0] as string,
  start: (args) => args[0] as string,
  reboot: (args) => args[0] as string,
};

export class CloudAccess {
  readonly calls: Record<string, number> = {};
  readonly errors: Record<string, number> = {};
  private readonly drivers = new Map<string, Promise<CloudDriver>>();

  constructor(
    private readonly deps: Pick<ReconcileDeps, 'store' | 'secrets' | 'drivers' | 'clock'>,
    private readonly accountId: string,
    private readonly environmentId: string,
    private readonly farmId: string,
  ) {}

  driver(credentialsId: string): Promise<CloudDriver> {
    let driver = this.drivers.get(credentialsId);
    if (!driver) {
      driver = openCredentials(
        this.deps,
        { accountId: this.accountId },
        this.environmentId,
        credentialsId,
      ).then((c) => this.counted(this.deps.drivers(c as CloudCredentialsWithSecrets), credentialsId));
      this.drivers.set(credentialsId, driver);
    }
    return driver;
  }

  private counted(driver: CloudDriver, credentialsId: string): CloudDriver {
    const { calls, errors } = this;
    const noteChange = (region: string) =>
      noteLocationChange(
        this.deps,
        { accountId: this.accountId, platform: driver.platform, credentialsId, region },
        this.farmId,
      );
    return new Proxy(driver, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls[String(prop)] = (calls[String(prop)] ?? 0) + 1;
          const result = value.apply(target, args);
          if (!(result instanceof Promise)) return result;
          const counted = result.catch((err: unknown) => {
            if (err instanceof CloudError) errors[err.kind] = (errors[err.kind] ?? 0) + 1;
            throw err;
          });
          const regionOf = CHANGES[String(prop)];
          if (!regionOf) return counted;
          // Best effort: without the note a launch's servers are still moving (looked at directly) and a
          // terminated instance still in the snapshot is only terminated again.
          const noted = () => noteChange(regionOf(args)).catch(() => {});
          return counted.then(
            async (out) => {
              await noted();
              return out;
            },
            async (err: unknown) => {
              await noted();
              throw err;
            },
          );
        };
      },
    });
  }
}
