// Environment: a unit of isolation inside an account (its own credentials, policies, access).
import { z } from 'zod';
import { Description, idOf, Name, Versioned } from './common';

export const EnvironmentInput = z
  .object({
    name: Name.regex(
      /^[a-zA-Z0-9][a-zA-Z0-9 ._-]*$/,
      'letters, digits, space, dot, dash and underscore only',
    ),
    description: Description,
  })
  .strict()
  .meta({ id: 'EnvironmentInput' });
export type EnvironmentInput = z.infer<typeof EnvironmentInput>;

export const Environment = EnvironmentInput.extend({
  id: idOf('environment'),
  accountId: idOf('account'),
})
  .extend(Versioned.shape)
  .meta({ id: 'Environment' });
export type Environment = z.infer<typeof Environment>;
