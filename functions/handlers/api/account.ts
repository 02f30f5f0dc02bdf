// Lambda entry point of the `account` route group.
import { apiDepsFromEnvironment } from '../../composition/api';
import { NotFound } from '../../domain/errors';
import * as retention from '../../services/retention';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';
import { withEtag } from './operation';

export function createHandler(deps: ApiDeps) {
  return createGroupHandler(
    'account',
    {
      async getAccount({ principal }) {
        const account = await deps.store.accounts.get(principal.accountId);
        if (!account) throw new NotFound('Account not found');
        return account;
      },
      getRetention: async ({ principal }) => withEtag(await retention.getRetention(deps, principal)),
      putRetention: async ({ principal, body, ifMatch }) =>
        withEtag(await retention.putRetention(deps, principal, body, ifMatch)),
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
