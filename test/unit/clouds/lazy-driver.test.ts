import { describe, expect, it } from 'vitest';
import { lazyDriver } from '../../../functions/adapters/clouds/lazy-driver';
import type { CloudDriver } from '../../../functions/ports/cloud-driver';

/** A driver whose every method answers its own name and arguments, and counts how often it was built. */
function countingLoader(failures = 0) {
  const state = { loads: 0, failures };
  const load = async (): Promise<CloudDriver> => {
    state.loads += 1;
    if (state.failures > 0) {
      state.failures -= 1;
      throw new Error('the SDK could not be loaded');
    }
    const answer =
      (name: string) =>
      async (...args: unknown[]) => ({ name, args });
    return {
      listInstances: answer('listInstances'),
      launch: answer('launch'),
      terminate: answer('terminate'),
      stop: answer('stop'),
      start: answer('start'),
      reboot: answer('reboot'),
      describeLocations: answer('describeLocations'),
      describeInstanceTypes: answer('describeInstanceTypes'),
    } as unknown as CloudDriver;
  };
  return { state, load };
}

describe('lazyDriver', () => {
  it('loads nothing until the first call', () => {
    const { state, load } = countingLoader();
    lazyDriver(load);
    expect(state.loads).toBe(0);
  });

  it('passes every method and its arguments to the loaded driver, loading it once', async () => {
    const { state, load } = countingLoader();
    const driver = lazyDriver(load);
    const answers = await Promise.all([
      driver.listInstances('us-east-1', { farmId: 'f1' } as never),
      driver.terminate('us-east-1', [{ instanceId: 'i-1' }] as never),
      driver.describeLocations(),
      driver.describeInstanceTypes('us-east-1'),
      driver.launch({ region: 'us-east-1' } as never),
      driver.stop('r', []),
      driver.start('r', []),
      driver.reboot('r', []),
    ]);
    expect(answers.map((a) => (a as unknown as { name: string }).name)).toEqual([
      'listInstances',
      'terminate',
      'describeLocations',
      'describeInstanceTypes',
      'launch',
      'stop',
      'start',
      'reboot',
    ]);
    expect(answers[0]).toEqual({ name: 'listInstances', args: ['us-east-1', { farmId: 'f1' }] });
    expect(state.loads).toBe(1);
  });

  it('tries the load again after a failed one', async () => {
    const { state, load } = countingLoader(1);
    const driver = lazyDriver(load);
    await expect(driver.describeLocations()).rejects.toThrow('could not be loaded');
    await expect(driver.describeLocations()).resolves.toEqual({ name: 'describeLocations', args: [] });
    expect(state.loads).toBe(2);
  });
});
