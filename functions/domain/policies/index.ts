// Governance policies: evaluation of a farm spec on save, enforcement of one launch, leases.
export {
  enforceLaunch,
  expandVariables,
  type LaunchContext,
  type LaunchDecision,
  type LaunchShape,
} from './enforce-launch';
export { type EvaluationContext, evaluateFarm } from './evaluate-farm';
export { leaseAtLaunch, leasePhase, leaseRuleFor } from './lease';
export { dottedPath, matchesGlob } from './matching';
export { describeViolations, PolicyViolation } from './policy-violation';
