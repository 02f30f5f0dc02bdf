// diffDocuments: the one field-level diff behind `drover apply` and the audit log.
import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../../functions/domain/document-diff';

const tier = (alias: string, extra: Record<string, unknown> = {}) => ({
  id: `fr-${alias}`,
  alias,
  maxInstances: 2,
  zones: ['a'],
  ...extra,
});

describe('diffDocuments', () => {
  it.each([
    ['nothing for equal documents', { a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } }, []],
    [
      'a changed scalar at its dotted path',
      { a: { b: 1 } },
      { a: { b: 2 } },
      [{ path: 'a.b', kind: 'changed', before: 1, after: 2 }],
    ],
    ['a new key as added', { a: {} }, { a: { t: 'x' } }, [{ path: 'a.t', kind: 'added', after: 'x' }]],
    ['a key that is gone as removed', { a: 1, b: 2 }, { a: 1 }, [{ path: 'b', kind: 'removed', before: 2 }]],
    [
      'a plain list as one change (order matters there)',
      { z: ['a', 'b'] },
      { z: ['b', 'a'] },
      [{ path: 'z', kind: 'changed', before: ['a', 'b'], after: ['b', 'a'] }],
    ],
    [
      'null to a value as changed, not added',
      { lease: null },
      { lease: '2030-01-01T00:00:00Z' },
      [{ path: 'lease', kind: 'changed', before: null, after: '2030-01-01T00:00:00Z' }],
    ],
  ])('%s', (_why, before, after, expected) => {
    expect(diffDocuments(before, after)).toEqual(expected);
  });

  describe('lists of aliased elements (farm roles)', () => {
    it('matches them by alias, so reordering changes nothing', () => {
      expect(diffDocuments({ r: [tier('a'), tier('b')] }, { r: [tier('b'), tier('a')] })).toEqual([]);
    });

    it('names a changed field inside an element by its alias, ignoring the element id', () => {
      const before = { r: [tier('web')] };
      const after = { r: [tier('web', { id: 'fr-other', maxInstances: 5 })] };
      expect(diffDocuments(before, after)).toEqual([
        { path: 'r[web].maxInstances', kind: 'changed', before: 2, after: 5 },
      ]);
    });

    it('reads a new element as one added line and a missing one as removed', () => {
      expect(diffDocuments({ r: [tier('web')] }, { r: [tier('db')] })).toEqual([
        { path: 'r[db]', kind: 'added', after: tier('db') },
        { path: 'r[web]', kind: 'removed', before: tier('web') },
      ]);
    });

    it('reads a list against an empty one element by element', () => {
      expect(diffDocuments({ r: [] }, { r: [tier('web')] })).toEqual([
        { path: 'r[web]', kind: 'added', after: tier('web') },
      ]);
    });
  });

  describe('documents that do not exist on one side', () => {
    it('reads a create (null before) as every field added', () => {
      expect(diffDocuments(null, { name: 'x', farmRoles: [tier('web')] })).toEqual([
        { path: 'name', kind: 'added', after: 'x' },
        { path: 'farmRoles[web]', kind: 'added', after: tier('web') },
      ]);
    });

    it('reads a delete (null after) as every field removed', () => {
      expect(diffDocuments({ name: 'x' }, null)).toEqual([{ path: 'name', kind: 'removed', before: 'x' }]);
    });
  });

  it('leaves out ignored top-level keys (bookkeeping such as version and updatedAt)', () => {
    const before = { name: 'a', version: 1, updatedAt: 't1', nested: { version: 1 } };
    const after = { name: 'b', version: 2, updatedAt: 't2', nested: { version: 2 } };
    expect(diffDocuments(before, after, { ignore: ['version', 'updatedAt'] })).toEqual([
      { path: 'name', kind: 'changed', before: 'a', after: 'b' },
      { path: 'nested.version', kind: 'changed', before: 1, after: 2 },
    ]);
  });
});
