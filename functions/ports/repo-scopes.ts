// The scopes every repository of the Store is addressed by, and the shape of a versioned
// repository. Their own module so the Store and its part ports (access-store, audit-store…)
// both import them without importing each other.
import type { Page, PageQuery } from '../domain/schemas/common';

export interface VersionedRepo<T extends { id: string; version: number }, Scope> {
  get(scope: Scope, id: string): Promise<T | undefined>;
  list(scope: Scope, page: PageQuery): Promise<Page<T>>;
  /** Fails with Conflict if the id exists. */
  create(item: T): Promise<void>;
  /** Writes `item` (whose version is expectedVersion + 1) only if the stored version is expectedVersion. */
  update(item: T, expectedVersion: number): Promise<void>;
  /** Deletes only if the stored version is expectedVersion (when given). */
  delete(scope: Scope, id: string, expectedVersion?: number): Promise<void>;
}

export interface AccountScope {
  accountId: string;
}
export interface EnvironmentScope {
  accountId: string;
  environmentId: string;
}
export interface FarmScope {
  accountId: string;
  farmId: string;
}
