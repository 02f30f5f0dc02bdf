// The portal forms' field plumbing: a field's id and error from its problem+json path
// (fieldScope), and a draft checked with the API's own schema (checkWith).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldScope } from '../../../frontend/lib/field-scope';
import { checkWith } from '../../../frontend/lib/use-draft-form';

describe('fieldScope', () => {
  const errors = {
    'farmRoles.0.alias': 'required',
    'farmRoles.0.network.subnetIds.1': 'not a subnet id',
    'farmRoles.1.alias': 'taken',
  };
  const field = fieldScope(errors, 'farmRoles.0', 'fr-0');

  it.each([
    ['alias', { id: 'fr-0-alias', error: 'required' }, 'the error at the field’s own path'],
    [
      'network.subnetIds',
      { id: 'fr-0-network-subnetIds', error: 'not a subnet id' },
      'an error inside the field',
    ],
    ['minInstances', { id: 'fr-0-minInstances', error: undefined }, 'no error: none at that path'],
  ])('%s → %o (%s)', (path, expected, _why) => {
    expect(field(path)).toEqual(expected);
  });

  it('reads top-level paths when the scope has no prefix', () => {
    expect(fieldScope({ name: 'too long' }, '', 'team')('name')).toEqual({
      id: 'team-name',
      error: 'too long',
    });
  });
});

describe('checkWith', () => {
  const Input = z.object({ name: z.string().min(1, 'must not be empty'), size: z.number() });

  it('answers the parsed input and no errors when the schema accepts the draft', () => {
    expect(checkWith(Input, { name: 'web', size: 2 })).toEqual({
      errors: {},
      input: { name: 'web', size: 2 },
    });
  });

  it('answers errors by path and no input when it refuses', () => {
    const checked = checkWith(Input, { name: '', size: Number('x') });
    expect(checked.input).toBeUndefined();
    expect(checked.errors).toEqual({ name: 'must not be empty', size: 'must be a number' });
  });
});
