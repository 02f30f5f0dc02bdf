// The persistence port of Governance policies and farm lease extension requests. Policies live
// in their environment's partition (the reconciler reads all of one environment's at once);
// extension requests in their farm's partition (deleted with the farm).
import type { Page, PageQuery } from '../domain/schemas/common';
import type { LeaseExtension, Policy } from '../domain/schemas/policy';
import type { EnvironmentScope, FarmScope, VersionedRepo } from './repo-scopes';

export interface PolicyRepo extends VersionedRepo<Policy, EnvironmentScope> {
  /** Every policy of an environment, enabled or not (evaluation filters). */
  listAll(scope: EnvironmentScope): Promise<Policy[]>;
}

export interface LeaseExtensionRepo {
  get(scope: FarmScope, id: string): Promise<LeaseExtension | undefined>;
  /** Newest first. */
  listByFarm(scope: FarmScope, page: PageQuery): Promise<Page<LeaseExtension>>;
  create(request: LeaseExtension): Promise<void>;
  update(request: LeaseExtension, expectedVersion: number): Promise<void>;
}
