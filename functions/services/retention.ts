// Use-cases of the account's data-retention settings: read them (the defaults until saved) and
// replace them, versioned like every spec. The store applies them to the items written afterwards.
import type { RetentionInput, RetentionSettings } from '../domain/schemas/retention';
import type { Clock } from '../ports/clock';
import type { Principal } from '../ports/identity';
import type { Store } from '../ports/store';
import { auditWrite } from './audit';
import { expectedVersion } from './versions';

interface Deps {
  store: Pick<Store, 'retention'>;
  clock: Clock;
}

export function getRetention({ store }: Deps, principal: Principal): Promise<RetentionSettings> {
  return store.retention.get(principal.accountId);
}

export async function putRetention(
  deps: Deps,
  principal: Principal,
  input: RetentionInput,
  ifMatch: number | '*' | undefined,
): Promise<RetentionSettings> {
  const current = await deps.store.retention.get(principal.accountId);
  const expected = expectedVersion(ifMatch, current, 'retention settings');
  const settings: RetentionSettings = {
    ...input,
    accountId: principal.accountId,
    version: expected + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.retention.save(settings, expected);
  auditWrite({ before: current, after: settings });
  return settings;
}
