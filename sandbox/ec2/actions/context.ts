// What every EC2 action handler receives, and what it returns (the body of its response).
import type { FaultInjector } from '../../core/faults';
import type { RegionCatalog } from '../catalog';
import type { QueryParams } from '../query';
import type { Ec2State } from '../state';
import type { XmlObject } from '../xml';

export interface ActionContext {
  params: QueryParams;
  region: RegionCatalog;
  state: Ec2State;
  /** Asked whether a launch finds capacity (the other faults strike before the action runs). */
  faults: Pick<FaultInjector, 'lacksCapacity'>;
}

export type Ec2Action = (ctx: ActionContext) => XmlObject;
