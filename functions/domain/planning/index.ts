// The farm planner: pure functions from (spec, records, observed instances, time) to actions,
// and every decision the reconcile takes while applying them (holds, fallbacks, events, next look).
export * from './action-effects';
export * from './actions';
export * from './assess-server';
export * from './capacity-holds';
export * from './convergence';
export * from './deadlines';
export * from './farm-transitions';
export * from './indexes';
export * from './launch-attempts';
export * from './launch-policies';
export * from './lifecycle';
export * from './member-actions';
export * from './next-look';
export * from './observation';
export * from './plan-farm';
export * from './plan-input';
export * from './scale-in';
export * from './server-actions';
export * from './sweep-cadence';
export * from './terminate-holds';
export * from './zones';
