// A farm role's scaling state between evaluations: the memory decideScale returns (breaches,
// last actions, recent desired counts) and a bounded history of its decision records. One small
// item per farm role, written only when an evaluation changes something (quiet passes write
// nothing: functions/services/scaling/evaluate-scaling.ts says what counts as a change).
import type { ScaleDecision, ScalingMemory } from '../domain/schemas/scaling-decision';

export interface ScalingState {
  memory: ScalingMemory;
  /** Newest first, at most DECISIONS_KEPT. */
  decisions: ScaleDecision[];
  /** Decisions that changed the desired count, newest first, at most CHANGES_KEPT. */
  changes: ScaleDecision[];
  /** The time of the last written evaluation (epoch ms). */
  evaluatedAt: number;
}

export const DECISIONS_KEPT = 50;
export const CHANGES_KEPT = 20;

export interface ScalingStateRepo {
  get(farm: { accountId: string; farmId: string }, farmRoleId: string): Promise<ScalingState | undefined>;
  put(farm: { accountId: string; farmId: string }, farmRoleId: string, state: ScalingState): Promise<void>;
}
