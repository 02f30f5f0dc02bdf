// diffFarmSpec: what `drover apply` prints, as data. Farm roles are matched by alias.
import { describe, expect, it } from 'vitest';
import { diffFarmSpec, renderChanges } from '../../cli/diff';
import { palette } from '../../cli/output';
import { FarmSpec } from '../../functions/domain/schemas';

const role = 'role-00000000000000000000000001';
const cred = 'cred-00000000000000000000000001';
const farmRole = (alias: string, extra: Record<string, unknown> = {}) => ({
  platform: 'aws' as const,
  alias,
  roleId: role,
  credentialsId: cred,
  region: 'us-east-1',
  zones: ['us-east-1a'],
  instanceType: 't3.small',
  minInstances: 1,
  maxInstances: 2,
  ...extra,
});
const spec = (farmRoles: unknown[], extra: Record<string, unknown> = {}) =>
  FarmSpec.parse({ name: 'web', description: 'd', farmRoles, ...extra });

describe('diffFarmSpec', () => {
  it.each([
    ['nothing for the same spec', spec([farmRole('web')]), spec([farmRole('web')]), []],
    [
      'nothing when only the order of farm roles differs',
      spec([farmRole('aa'), farmRole('bb')]),
      spec([farmRole('bb'), farmRole('aa')]),
      [],
    ],
    [
      'a changed field at its path, old and new',
      spec([farmRole('web')]),
      spec([farmRole('web', { maxInstances: 5 })]),
      [{ path: 'farmRoles[web].maxInstances', kind: 'changed', before: 2, after: 5 }],
    ],
    [
      'a list (zones) as one change',
      spec([farmRole('web')]),
      spec([farmRole('web', { zones: ['us-east-1a', 'us-east-1b'] })]),
      [
        {
          path: 'farmRoles[web].zones',
          kind: 'changed',
          before: ['us-east-1a'],
          after: ['us-east-1a', 'us-east-1b'],
        },
      ],
    ],
    [
      'a new tag as added',
      spec([farmRole('web')]),
      spec([farmRole('web', { tags: { team: 'web' } })]),
      [{ path: 'farmRoles[web].tags.team', kind: 'added', after: 'web' }],
    ],
    [
      'a farm role that is gone as removed',
      spec([farmRole('web'), farmRole('db')]),
      spec([farmRole('web')]),
      [expect.objectContaining({ path: 'farmRoles[db]', kind: 'removed' })],
    ],
  ])('reports %s', (_why, before, after, expected) => {
    expect(diffFarmSpec(before, after)).toEqual(expected);
  });

  it('ignores farm role ids, which the API assigns', () => {
    const stored = spec([farmRole('web', { id: 'fr-00000000000000000000000001' })]);
    expect(diffFarmSpec(stored, spec([farmRole('web')]))).toEqual([]);
  });

  it('describes a new farm as its name, description and farm roles, all added', () => {
    expect(diffFarmSpec(undefined, spec([farmRole('web')])).map((c) => `${c.kind} ${c.path}`)).toEqual([
      'added name',
      'added description',
      'added farmRoles[web]',
    ]);
  });

  it('renders one line per change, a farm role as a summary, without colour when asked', () => {
    const text = renderChanges(
      diffFarmSpec(
        spec([farmRole('web'), farmRole('db')]),
        spec([farmRole('web', { maxInstances: 3 })], { description: 'e' }),
      ),
      palette(false),
    );
    expect(text).toBe(
      [
        '  ~ description: "d" → "e"',
        '  ~ farmRoles[web].maxInstances: 2 → 3',
        '  - farmRoles[db]: aws us-east-1 t3.small, 1..2 instances',
        '',
      ].join('\n'),
    );
  });
});
