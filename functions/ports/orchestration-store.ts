// Persistence of Global Orchestration: scripts with their immutable versions, rules, and
// executions (the agent's tasks). Every method is scoped to an account.
import type { Page, PageQuery } from '../domain/schemas/common';
import type { Execution, OrchestrationRule, Script, ScriptVersion } from '../domain/schemas/orchestration';
import type { AccountScope, FarmScope, VersionedRepo } from './repo-scopes';

export interface ScriptRepo extends VersionedRepo<Script, AccountScope> {
  /** Writes the script and its new version together (the version number is script.latestVersion). */
  saveVersion(script: Script, version: ScriptVersion, expectedVersion: number | null): Promise<void>;
  getVersion(scope: AccountScope, scriptId: string, number: number): Promise<ScriptVersion | undefined>;
  listVersions(scope: AccountScope, scriptId: string, page: PageQuery): Promise<Page<ScriptVersion>>;
}

export interface OrchestrationRuleRepo extends VersionedRepo<OrchestrationRule, AccountScope> {
  /** Every rule of the account (the orchestrator matches an event against them; an account has few). */
  listAll(scope: AccountScope): Promise<OrchestrationRule[]>;
}

export interface ServerScope extends FarmScope {
  serverId: string;
}

export interface ExecutionRepo {
  get(scope: AccountScope, id: string): Promise<Execution | undefined>;
  /** Fails with Conflict if the id exists: an execution id is derived from event × rule × server, so a redelivered event creates nothing twice. */
  create(execution: Execution): Promise<void>;
  /** Conditional on the stored version (PreconditionFailed when stale). */
  update(execution: Execution, expectedVersion: number): Promise<void>;
  /** A server's executions still `queued` or `running`, oldest first (the agent's task list). */
  listOpenForServer(scope: ServerScope): Promise<Execution[]>;
  /** Newest first. */
  listByServer(scope: ServerScope, page: PageQuery): Promise<Page<Execution>>;
  listByFarm(scope: FarmScope, page: PageQuery): Promise<Page<Execution>>;
  listByScript(scope: AccountScope, scriptId: string, page: PageQuery): Promise<Page<Execution>>;
}
