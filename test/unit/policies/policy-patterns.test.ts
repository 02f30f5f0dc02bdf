// Policy patterns come from admins and run inside the API and the reconciler: they are RE2
// (linear-time), so no pattern can hang a request, and JavaScript-only syntax is refused on save.
import { describe, expect, it } from 'vitest';
import { evaluateFarm } from '../../../functions/domain/policies';
import { PolicyInput } from '../../../functions/domain/schemas/policy';
import { awsRole, policy, spec } from './policy-fixtures';

const requiredTag = (pattern: string) => ({
  name: 'tags',
  rule: { kind: 'required-tags', tags: [{ key: 'team', pattern }] },
});

describe('policy patterns', () => {
  it('refuses a lookahead or backreference on save, saying why', () => {
    for (const pattern of ['(?=a)a', '(a)\\1']) {
      const parsed = PolicyInput.safeParse(requiredTag(pattern));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/RE2/);
    }
  });

  it('matches a catastrophic-backtracking pattern against a long value at once', () => {
    const farm = spec([awsRole({ tags: { team: `${'a'.repeat(250)}!` } })]);
    const started = performance.now();
    const violations = evaluateFarm(farm, [
      policy({ kind: 'required-tags', tags: [{ key: 'team', pattern: '(a+)+b' }] }),
    ]);
    expect(violations.map((v) => v.path)).toEqual(['farmRoles[0].tags.team']);
    // A backtracking engine takes longer than the universe's age here; RE2 a few milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
