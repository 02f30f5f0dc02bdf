// Lambda entry point of the `account` route group.
import { NotFound } from '../../domain/errors';
import type { ApiDeps } from './deps';
import { fromEnvironment } from './deps-from-environment';
import { createGroupHandler, lazyHandler } from './group-handler';

export function createHandler(deps: ApiDeps) {
  return createGroupHandler(
    'account',
    {
      async getAccount({ principal }) {
        const account = await deps.store.accounts.get(principal.accountId);
        if (!account) throw new NotFound('Account not found');
        return { status: 200, body: account };
      },
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(fromEnvironment()));
