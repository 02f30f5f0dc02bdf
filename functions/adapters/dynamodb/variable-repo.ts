// Global Variable sets on the single table (keys.variableSet):
//   account      ACC#<acc>                 VARS#ACCOUNT
//   environment  ACC#<acc>#ENV#<env>       VARS#ENV
//   role         ACC#<acc>                 VARS#ROLE#<role>
//   farm         ACC#<acc>#FARM#<farm>     VARS#FARM
//   farm role    ACC#<acc>#FARM#<farm>     VARS#FR#<farm role>
//   server       ACC#<acc>#FARM#<farm>     VARS#SRV#<server>
// The `VARS#` prefix keeps them out of every other listing of those partitions (roles are listed
// by `ROLE#`, servers by `SRV#`…). A farm's delete removes its whole partition, sets included.
import { Conflict, PreconditionFailed } from '../../domain/errors';
import { emptyVariableSet, type VariableSet } from '../../domain/variables/variable-set';
import type { VariableRepo } from '../../ports/variable-store';
import { farmPartition, keys } from './keys';
import type { VersionedItems } from './versioned-items';

const WHAT = 'Variables';

export function createVariableRepo(items: VersionedItems): VariableRepo {
  return {
    async get(accountId, target) {
      return (
        (await items.get<VariableSet>(keys.variableSet(accountId, target))) ??
        emptyVariableSet(accountId, target)
      );
    },

    async save(set, expectedVersion) {
      const key = keys.variableSet(set.accountId, set.target);
      if (expectedVersion !== 0) return items.update('variableSet', key, set, expectedVersion, WHAT);
      try {
        await items.create('variableSet', key, set, WHAT);
      } catch (err) {
        if (!(err instanceof Conflict)) throw err;
        // Someone wrote the scope first: the caller's "version 0" is stale like any other version.
        const current = (await items.get<VariableSet>(key))?.version;
        throw new PreconditionFailed(
          `${WHAT} have changed since version 0: they are now at version ${current}. Reload them and apply your change again.`,
          current,
        );
      }
    },

    listForFarm: ({ accountId, farmId }) => items.all<VariableSet>(farmPartition(accountId, farmId), 'VARS#'),
  };
}
