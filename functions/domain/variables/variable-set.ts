// The declarations of one scope, stored and exchanged as one versioned document ("variable set"):
// a PUT replaces the scope's whole list, so a rename or a removal is one write with one If-Match.
// A scope nobody has written yet is at version 0 with no variables, so a first PUT sends If-Match "0"
// and the CLI's read-modify-write needs no special case.
import { z } from 'zod';
import { idOf, Timestamp } from '../schemas/common';
import { GlobalVariable, GlobalVariables } from './schema';

/** Which scope a set belongs to, with the ids that name it inside an account. */
export const VariableTarget = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('account') }),
  z.object({ scope: z.literal('environment'), environmentId: idOf('environment') }),
  z.object({ scope: z.literal('role'), roleId: idOf('role') }),
  z.object({ scope: z.literal('farm'), farmId: idOf('farm') }),
  z.object({ scope: z.literal('farmRole'), farmId: idOf('farm'), farmRoleId: idOf('farmRole') }),
  z.object({ scope: z.literal('server'), farmId: idOf('farm'), serverId: idOf('server') }),
]);
export type VariableTarget = z.infer<typeof VariableTarget>;

export const VariableSet = z
  .object({
    accountId: idOf('account'),
    target: VariableTarget,
    variables: z.array(GlobalVariable),
    /** 0 until the scope's first write. */
    version: z.number().int().min(0),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'VariableSet' });
export type VariableSet = z.infer<typeof VariableSet>;

/** The body of a PUT: the scope's whole list. A hidden variable sent with the mask keeps its stored value. */
export const VariableSetInput = z
  .object({ variables: GlobalVariables })
  .strict()
  .meta({ id: 'VariableSetInput' });
export type VariableSetInput = z.infer<typeof VariableSetInput>;

export const emptyVariableSet = (accountId: string, target: VariableTarget): VariableSet => ({
  accountId,
  target,
  variables: [],
  version: 0,
  updatedAt: null,
});

/** "farm role fr-… of farm farm-…": how problems and 404s name a scope. */
export function describeTarget(target: VariableTarget): string {
  switch (target.scope) {
    case 'account':
      return 'the account';
    case 'environment':
      return `environment ${target.environmentId}`;
    case 'role':
      return `role ${target.roleId}`;
    case 'farm':
      return `farm ${target.farmId}`;
    case 'farmRole':
      return `farm role ${target.farmRoleId} of farm ${target.farmId}`;
    case 'server':
      return `server ${target.serverId} of farm ${target.farmId}`;
  }
}
