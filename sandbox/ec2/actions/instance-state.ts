// TerminateInstances, StopInstances, StartInstances, RebootInstances: validate every id
// first (EC2 fails the whole request), then move each instance and report previous/current state.
import { missingParameter } from '../errors';
import type { Ec2Instance, Ec2State } from '../state';
import { itemSet } from '../xml';
import type { Ec2Action } from './context';
import { requireInstances } from './instance-ids';
import { stateXml } from './instance-xml';

type Verb = 'terminate' | 'stop' | 'start';

function stateChange(verb: Verb, apply: (state: Ec2State, instance: Ec2Instance) => void): Ec2Action {
  return ({ params, region, state }) => {
    const ids = params.list('InstanceId');
    if (ids.length === 0) throw missingParameter('InstanceId');
    const instances = requireInstances(state, region.region, ids);
    for (const instance of instances) state.check(instance, verb);
    const changes = instances.map((instance) => {
      const previous = instance.state;
      apply(state, instance);
      return {
        instanceId: instance.instanceId,
        currentState: stateXml(instance.state),
        previousState: stateXml(previous),
      };
    });
    return { instancesSet: itemSet(changes) };
  };
}

export const terminateInstances = stateChange('terminate', (state, i) => state.terminate(i));
export const stopInstances = stateChange('stop', (state, i) => state.stop(i));
export const startInstances = stateChange('start', (state, i) => state.start(i));

export const rebootInstances: Ec2Action = ({ params, region, state }) => {
  const ids = params.list('InstanceId');
  if (ids.length === 0) throw missingParameter('InstanceId');
  const instances = requireInstances(state, region.region, ids);
  for (const instance of instances) state.check(instance, 'reboot');
  return { return: true };
};
