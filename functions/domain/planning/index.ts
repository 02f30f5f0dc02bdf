// The farm planner: pure functions from (spec, records, observed instances, time) to actions.
export * from './actions';
export * from './assess-server';
export * from './convergence';
export * from './deadlines';
export * from './farm-transitions';
export * from './indexes';
export * from './lifecycle';
export * from './member-actions';
export * from './observation';
export * from './plan-farm';
export * from './plan-input';
export * from './scale-in';
export * from './server-actions';
export * from './zones';
