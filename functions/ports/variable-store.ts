// Persistence of Global Variables: one versioned document per scope (account, environment, role,
// farm, farm role, server) holding that scope's declarations. Every method is scoped to an account.
import type { VariableSet, VariableTarget } from '../domain/variables/variable-set';
import type { FarmScope } from './repo-scopes';

export interface VariableRepo {
  /** The scope's set; a scope never written answers version 0 with no variables. */
  get(accountId: string, target: VariableTarget): Promise<VariableSet>;
  /**
   * Writes `set` (whose version is expectedVersion + 1) only if the stored version is expectedVersion
   * (0: the scope has no document yet); PreconditionFailed otherwise.
   */
  save(set: VariableSet, expectedVersion: number): Promise<void>;
  /** The farm's own set and those of its farm roles and servers, in one read. */
  listForFarm(scope: FarmScope): Promise<VariableSet[]>;
}
