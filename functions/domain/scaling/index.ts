// Scaling decisions: pure functions from a farm role's rules, servers and metrics to a desired
// count with its record (README "Scaling").
export { aggregate } from './aggregate';
export { decideScale, type ScaleOutcome } from './decide-scale';
export { EMPTY_MEMORY, type MetricSample, type ScaleInput, type ScalingServer } from './scale-input';
export { boundsAt, isOpenAt, wallClock } from './schedule-bounds';
export { LOAD_METRICS, type SimulatedRole, simulateScaling } from './simulate-scaling';
