// Who sees an execution: one who may view orchestration in its environment and may view its farm.
// Executions are read by id and per script across the account, where the route's own check knows
// no environment; this is the check those reads apply to each execution, so a user never reads the
// output of scripts on farms they cannot see (output often names hosts, paths, even secrets).
import { type AccessSubject, can } from '../access/can';

export interface ExecutionFarm {
  accountId: string;
  environmentId: string;
  /** Undefined when the farm record is gone: only its environment decides. */
  farm?: { ownerId: string; ownerTeamId: string | null };
}

export function seesExecutionsOf(subject: AccessSubject, where: ExecutionFarm): boolean {
  const environment = { accountId: where.accountId, environmentId: where.environmentId };
  return (
    can(subject, 'orchestration:view', environment).allowed &&
    can(subject, 'farms:view', { ...environment, ...(where.farm ? { farm: where.farm } : {}) }).allowed
  );
}
