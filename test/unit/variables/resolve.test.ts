// resolveVariables over all six scopes: each row says which rule it shows.
import { describe, expect, it } from 'vitest';
import {
  agentEnvironment,
  HIDDEN_MASK,
  publicResolution,
  publicView,
  type ResolvedVariable,
  resolveVariables,
  type VariableLayer,
  type VariableProblem,
} from '../../../functions/domain/variables';
import { layer, v } from './variable-fixtures';

const NO_BUILT_INS = {};
const BUILT_INS = { DROVER_FARM_ID: 'farm-1', DROVER_SERVER_ID: 'srv-1' };

type Expected = Partial<Omit<ResolvedVariable, 'problems'>> & { problems?: Partial<VariableProblem>[] };

describe('resolveVariables', () => {
  it.each<[string, VariableLayer[], Record<string, string>, Record<string, Expected>]>([
    [
      'a lower scope overrides a higher one',
      [layer('account', v('X', 'a')), layer('farm', v('X', 'b'))],
      NO_BUILT_INS,
      { X: { value: 'b', scope: 'farm', definedAt: ['account', 'farm'], problems: [] } },
    ],
    [
      'the server scope overrides every other one',
      [
        layer('account', v('X', 'account')),
        layer('environment', v('X', 'environment')),
        layer('role', v('X', 'role')),
        layer('farm', v('X', 'farm')),
        layer('farmRole', v('X', 'farmRole')),
        layer('server', v('X', 'server')),
      ],
      NO_BUILT_INS,
      { X: { value: 'server', scope: 'server', problems: [] } },
    ],
    [
      'the order of the layers does not matter, only their scopes',
      [layer('server', v('X', 'server')), layer('role', v('X', 'role'))],
      NO_BUILT_INS,
      { X: { value: 'server', scope: 'server', definedAt: ['role', 'server'] } },
    ],
    [
      'a lower scope declaring no value keeps the one above',
      [layer('environment', v('X', 'a')), layer('farmRole', v('X', null, { description: 'port' }))],
      NO_BUILT_INS,
      { X: { value: 'a', scope: 'environment', description: 'port', problems: [] } },
    ],
    [
      'an empty string is a value, not an absence',
      [layer('account', v('X', 'a')), layer('role', v('X', ''))],
      NO_BUILT_INS,
      { X: { value: '', scope: 'role' } },
    ],
    [
      'final ignores a lower value and reports both scopes',
      [layer('environment', v('X', 'a', { final: true })), layer('farmRole', v('X', 'b'))],
      NO_BUILT_INS,
      {
        X: {
          value: 'a',
          scope: 'environment',
          final: true,
          problems: [{ kind: 'finalOverride', finalScope: 'environment', overrideScope: 'farmRole' }],
        },
      },
    ],
    [
      'final set without a value locks the inherited one',
      [
        layer('account', v('X', 'a')),
        layer('farm', v('X', null, { final: true })),
        layer('server', v('X', 'b')),
      ],
      NO_BUILT_INS,
      {
        X: {
          value: 'a',
          scope: 'account',
          problems: [{ kind: 'finalOverride', finalScope: 'farm', overrideScope: 'server' }],
        },
      },
    ],
    [
      'a lower scope cannot clear final',
      [layer('account', v('X', 'a', { final: true })), layer('role', v('X', 'b', { final: false }))],
      NO_BUILT_INS,
      { X: { value: 'a', final: true, problems: [{ kind: 'finalOverride', overrideScope: 'role' }] } },
    ],
    [
      'a lower scope may add final, locking its own value',
      [
        layer('account', v('X', 'a')),
        layer('farm', v('X', 'b', { final: true })),
        layer('farmRole', v('X', 'c')),
      ],
      NO_BUILT_INS,
      {
        X: {
          value: 'b',
          scope: 'farm',
          problems: [{ kind: 'finalOverride', finalScope: 'farm', overrideScope: 'farmRole' }],
        },
      },
    ],
    [
      'final locks the value only: flags may still be added below',
      [layer('account', v('X', 'a', { final: true })), layer('server', v('X', null, { hidden: true }))],
      NO_BUILT_INS,
      { X: { value: 'a', final: true, hidden: true, problems: [] } },
    ],
    [
      'required met by a farm role value',
      [layer('account', v('DB_URL', null, { required: true })), layer('farmRole', v('DB_URL', 'pg://db'))],
      NO_BUILT_INS,
      { DB_URL: { value: 'pg://db', scope: 'farmRole', required: true, problems: [] } },
    ],
    [
      'required met by a server value',
      [layer('role', v('DB_URL', null, { required: true })), layer('server', v('DB_URL', 'pg://db'))],
      NO_BUILT_INS,
      { DB_URL: { value: 'pg://db', scope: 'server', problems: [] } },
    ],
    [
      'required met by a default declared above',
      [layer('environment', v('REGION', 'eu', { required: true })), layer('farmRole', v('REGION', null))],
      NO_BUILT_INS,
      { REGION: { value: 'eu', scope: 'environment', problems: [] } },
    ],
    [
      'required missing: reported with where it was declared',
      [layer('environment', v('DB_URL', null, { required: true })), layer('farm', v('DB_URL', null))],
      NO_BUILT_INS,
      {
        DB_URL: {
          value: null,
          scope: null,
          required: true,
          problems: [{ kind: 'requiredMissing', declaredAt: 'environment' }],
        },
      },
    ],
    [
      'a lower scope cannot clear required',
      [
        layer('account', v('K', null, { required: true })),
        layer('farmRole', v('K', null, { required: false })),
      ],
      NO_BUILT_INS,
      { K: { required: true, problems: [{ kind: 'requiredMissing', declaredAt: 'account' }] } },
    ],
    [
      'required added at the farm role',
      [layer('role', v('K', null)), layer('farmRole', v('K', null, { required: true }))],
      NO_BUILT_INS,
      { K: { problems: [{ kind: 'requiredMissing', declaredAt: 'farmRole' }] } },
    ],
    [
      'required is not met by a value that final ignored',
      [
        layer('account', v('K', null, { final: true })),
        layer('environment', v('K', null, { required: true })),
        layer('server', v('K', 'b')),
      ],
      NO_BUILT_INS,
      {
        K: {
          value: null,
          problems: [
            { kind: 'finalOverride', finalScope: 'account', overrideScope: 'server' },
            { kind: 'requiredMissing', declaredAt: 'environment' },
          ],
        },
      },
    ],
    [
      'a value matching the pattern declared above',
      [
        layer('account', v('TYPE', null, { validationPattern: 't3\\..+' })),
        layer('farmRole', v('TYPE', 't3.small')),
      ],
      NO_BUILT_INS,
      { TYPE: { value: 't3.small', validationPattern: 't3\\..+', problems: [] } },
    ],
    [
      'a value not matching the pattern declared above',
      [
        layer('account', v('TYPE', null, { validationPattern: 't3\\..+' })),
        layer('farmRole', v('TYPE', 'm5.large')),
      ],
      NO_BUILT_INS,
      {
        TYPE: {
          value: 'm5.large',
          problems: [
            { kind: 'patternMismatch', valueScope: 'farmRole', patternScope: 'account', pattern: 't3\\..+' },
          ],
        },
      },
    ],
    [
      'the pattern must match the whole value',
      [layer('farm', v('TYPE', 'xt3.smallx', { validationPattern: 't3\\.small' }))],
      NO_BUILT_INS,
      { TYPE: { problems: [{ kind: 'patternMismatch' }] } },
    ],
    [
      'a lower pattern cannot loosen one set above: every pattern on the path applies',
      [
        layer('account', v('SIZE', null, { validationPattern: 'small|large' })),
        layer('farm', v('SIZE', null, { validationPattern: '.*' })),
        layer('server', v('SIZE', 'huge')),
      ],
      NO_BUILT_INS,
      {
        SIZE: {
          validationPattern: '.*',
          validationPatterns: [
            { pattern: 'small|large', scope: 'account' },
            { pattern: '.*', scope: 'farm' },
          ],
          problems: [{ kind: 'patternMismatch', valueScope: 'server', patternScope: 'account' }],
        },
      },
    ],
    [
      'a lower pattern may narrow one set above',
      [
        layer('account', v('SIZE', null, { validationPattern: 'small|large' })),
        layer('farm', v('SIZE', 'large', { validationPattern: 'small' })),
      ],
      NO_BUILT_INS,
      { SIZE: { problems: [{ kind: 'patternMismatch', valueScope: 'farm', patternScope: 'farm' }] } },
    ],
    [
      'a value matching every pattern on the path has no problem',
      [
        layer('environment', v('SIZE', null, { validationPattern: '[a-z]+' })),
        layer('farmRole', v('SIZE', 'large', { validationPattern: 'small|large' })),
      ],
      NO_BUILT_INS,
      { SIZE: { value: 'large', problems: [] } },
    ],
    [
      'a value failing two patterns is reported once per pattern',
      [
        layer('account', v('N', null, { validationPattern: '[0-9]+' })),
        layer('farm', v('N', 'abc', { validationPattern: '.{1,2}' })),
      ],
      NO_BUILT_INS,
      {
        N: {
          problems: [
            { kind: 'patternMismatch', patternScope: 'account' },
            { kind: 'patternMismatch', patternScope: 'farm' },
          ],
        },
      },
    ],
    [
      'a pattern that would backtrack catastrophically in a backtracking engine answers at once',
      [layer('farm', v('X', `${'a'.repeat(4000)}!`, { validationPattern: '(a+)+b' }))],
      NO_BUILT_INS,
      { X: { problems: [{ kind: 'patternMismatch', pattern: '(a+)+b' }] } },
    ],
    [
      'a pattern declared below checks a value inherited from above',
      [
        layer('account', v('SIZE', 'huge')),
        layer('farmRole', v('SIZE', null, { validationPattern: 'small|large' })),
      ],
      NO_BUILT_INS,
      { SIZE: { problems: [{ kind: 'patternMismatch', valueScope: 'account', patternScope: 'farmRole' }] } },
    ],
    [
      'a stored pattern that does not compile is reported, not thrown',
      [layer('role', v('P', 'x', { validationPattern: '(' }))],
      NO_BUILT_INS,
      { P: { value: 'x', problems: [{ kind: 'invalidPattern', scope: 'role' }] } },
    ],
    [
      'a variable without a value is not checked against its pattern',
      [layer('account', v('P', null, { validationPattern: 'x' }))],
      NO_BUILT_INS,
      { P: { value: null, problems: [] } },
    ],
    [
      'hidden is inherited and a lower scope cannot clear it',
      [
        layer('account', v('TOKEN', 's3cret', { hidden: true })),
        layer('farm', v('TOKEN', 'other', { hidden: false })),
      ],
      NO_BUILT_INS,
      { TOKEN: { value: 'other', hidden: true } },
    ],
    [
      'built-ins win over a user definition, which is reported',
      [
        layer('farm', v('DROVER_FARM_ID', 'mine')),
        layer('account', v('DROVER_SERVER_ID', 'mine', { final: true })),
      ],
      BUILT_INS,
      {
        DROVER_FARM_ID: {
          value: 'farm-1',
          scope: 'builtIn',
          final: true,
          problems: [{ kind: 'builtInRedefined', scope: 'farm' }],
        },
        DROVER_SERVER_ID: {
          value: 'srv-1',
          scope: 'builtIn',
          problems: [{ kind: 'builtInRedefined', scope: 'account' }],
        },
      },
    ],
    [
      'built-ins appear even when no layer names them',
      [],
      BUILT_INS,
      { DROVER_FARM_ID: { value: 'farm-1', scope: 'builtIn', definedAt: [], problems: [] } },
    ],
    [
      'two definitions at one scope are both ignored',
      [layer('account', v('X', 'a')), layer('farm', v('X', 'b'), v('X', 'c'))],
      NO_BUILT_INS,
      { X: { value: 'a', scope: 'account', problems: [{ kind: 'duplicate', scope: 'farm' }] } },
    ],
    [
      'names are case-sensitive',
      [layer('account', v('path', 'a')), layer('farm', v('PATH', 'b'))],
      NO_BUILT_INS,
      { path: { value: 'a' }, PATH: { value: 'b' } },
    ],
  ])('%s', (_reason, layers, builtIns, expected) => {
    const resolution = resolveVariables(layers, builtIns);
    const byName = Object.fromEntries(resolution.variables.map((r) => [r.name, r]));
    for (const [name, want] of Object.entries(expected)) {
      const { problems, ...fields } = want;
      expect(byName[name], name).toMatchObject(fields);
      if (problems) {
        expect(byName[name]!.problems).toHaveLength(problems.length);
        problems.forEach((p, i) => {
          expect(byName[name]!.problems[i]).toMatchObject({ name, ...p });
        });
      }
    }
    expect(resolution.problems).toEqual(resolution.variables.flatMap((r) => r.problems));
  });

  it('reports a reserved name that is not a built-in and leaves it out', () => {
    const resolution = resolveVariables([layer('environment', v('DROVER_MADE_UP', 'x'))], BUILT_INS);
    expect(resolution.variables.map((r) => r.name)).toEqual(['DROVER_FARM_ID', 'DROVER_SERVER_ID']);
    expect(resolution.problems).toEqual([
      expect.objectContaining({ kind: 'builtInRedefined', name: 'DROVER_MADE_UP' }),
    ]);
    expect(agentEnvironment(resolution)).not.toHaveProperty('DROVER_MADE_UP');
  });

  it('gives every problem a message a person can act on, without quoting a value', () => {
    const { problems } = resolveVariables(
      [
        layer(
          'account',
          v('A', 'top-secret', { final: true, hidden: true }),
          v('B', null, { required: true }),
        ),
        layer('farmRole', v('A', 'lower-secret'), v('C', 'bad-secret', { validationPattern: 'ok' })),
      ],
      NO_BUILT_INS,
    );
    expect(problems.map((p) => p.message)).toEqual([
      'A is final at account scope; the value given at farm role scope is ignored',
      'B is required (declared at account scope) and has no value',
      'the value of C (from farm role scope) does not match the pattern ok declared at farm role scope',
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/secret/);
  });
});

describe('agentEnvironment and publicView', () => {
  const resolution = resolveVariables(
    [
      layer('account', v('API_TOKEN', 'tok-123', { hidden: true }), v('UNSET', null)),
      layer('environment', v('LOG_LEVEL', 'info')),
      layer('farm', v('DB_PASSWORD', null, { hidden: true })),
      layer('server', v('DB_PASSWORD', 'hunter2'), v('__proto__', 'plain')),
    ],
    { DROVER_SERVER_ID: 'srv-1' },
  );

  it.each([
    ['a hidden value goes to the agent', 'API_TOKEN', 'tok-123', HIDDEN_MASK],
    ['a value given below a hidden declaration is hidden too', 'DB_PASSWORD', 'hunter2', HIDDEN_MASK],
    ['a plain value is shown to both', 'LOG_LEVEL', 'info', 'info'],
    ['a built-in is shown to both', 'DROVER_SERVER_ID', 'srv-1', 'srv-1'],
    ['a name like __proto__ stays an ordinary entry', '__proto__', 'plain', 'plain'],
  ])('%s', (_reason, name, agent, shown) => {
    expect(Object.getOwnPropertyDescriptor(agentEnvironment(resolution), name)?.value).toBe(agent);
    expect(Object.getOwnPropertyDescriptor(publicView(resolution), name)?.value).toBe(shown);
  });

  it('leaves out a variable declared without a value, so a script sees it unset', () => {
    expect(Object.keys(agentEnvironment(resolution))).not.toContain('UNSET');
    expect(Object.keys(publicView(resolution))).not.toContain('UNSET');
  });

  it('masks hidden values in the public resolution and keeps where they came from', () => {
    const shown = publicResolution(resolution).variables.find((r) => r.name === 'DB_PASSWORD');
    expect(shown).toMatchObject({
      value: HIDDEN_MASK,
      scope: 'server',
      hidden: true,
      definedAt: ['farm', 'server'],
    });
    expect(JSON.stringify(publicResolution(resolution))).not.toMatch(/hunter2|tok-123/);
    expect(resolution.variables.find((r) => r.name === 'DB_PASSWORD')?.value).toBe('hunter2');
  });
});
