// A cloud driver whose SDK is loaded on its first call. The Google SDK alone is most of a
// Lambda bundle that carries it (~30 MB, seconds to evaluate): a pass over an AWS farm, or an API
// call that never reaches a cloud, must not pay for it. The Lambda bundles are split
// (infra/constructs/lambda-bundle.ts): the dynamic import is a chunk of its own, read and
// evaluated only when it runs; the load is shared by every call.
import { type CloudDriver, CloudError } from '../../ports/cloud-driver';

const METHODS = [
  'listInstances',
  'launch',
  'terminate',
  'stop',
  'start',
  'reboot',
  'describeLocations',
  'describeInstanceTypes',
] as const satisfies readonly (keyof CloudDriver)[];

export function lazyDriver(load: () => Promise<CloudDriver>): CloudDriver {
  let loading: Promise<CloudDriver> | undefined;
  const driver = () => {
    loading ??= load().catch((err: unknown) => {
      loading = undefined; // a failed load is tried again by the next call
      throw err;
    });
    return loading;
  };
  const lazy = {} as Record<(typeof METHODS)[number], (...args: never[]) => Promise<unknown>>;
  for (const method of METHODS) {
    lazy[method] = async (...args: never[]) => {
      const d = (await driver()) as unknown as Record<string, (...a: never[]) => Promise<unknown>>;
      return d[method]!(...args);
    };
  }
  // Only some clouds list placement choices: a driver without them refuses as an invalid request.
  const describePlacementChoices: CloudDriver['describePlacementChoices'] = async (region) => {
    const d = await driver();
    if (!d.describePlacementChoices)
      throw new CloudError(
        'InvalidSpec',
        `${d.platform} credentials list no images, networks or security groups`,
        {
          code: 'NotOffered',
          platform: d.platform,
        },
      );
    return d.describePlacementChoices(region);
  };
  return { ...lazy, describePlacementChoices } as unknown as CloudDriver;
}
