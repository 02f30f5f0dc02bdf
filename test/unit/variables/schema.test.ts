// A single Global Variable declaration: every refusal names the field a person has to fix.
import { describe, expect, it } from 'vitest';
import { GlobalVariable, GlobalVariables, VARIABLE_LIMITS } from '../../../functions/domain/variables';

const paths = (schema: { safeParse: (x: unknown) => any }, input: unknown): string[] => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i: { path: PropertyKey[] }) => i.path.join('.'));
};

describe('GlobalVariable', () => {
  it('accepts a name alone and declares it without a value', () => {
    expect(GlobalVariable.parse({ name: 'APP_PORT' })).toEqual({
      name: 'APP_PORT',
      value: null,
      final: false,
      required: false,
      hidden: false,
      description: '',
    });
  });

  it.each([
    ['a leading underscore', { name: '_private', value: 'x' }],
    ['the longest name', { name: `A${'b'.repeat(127)}` }],
    ['a value of exactly 4 KiB', { name: 'BIG', value: 'x'.repeat(VARIABLE_LIMITS.valueMaxBytes) }],
    ['an empty value (set to empty is not unset)', { name: 'EMPTY', value: '' }],
    ['a compiling pattern', { name: 'SIZE', validationPattern: '(small|medium)' }],
    [
      'a nested quantifier (RE2 cannot backtrack, so it is safe)',
      { name: 'SIZE', validationPattern: '(a+)+b' },
    ],
    ['a hostname pattern', { name: 'HOST', validationPattern: '[a-z0-9-]{1,63}(\\.[a-z0-9-]{1,63})*' }],
    ['final and required with a value', { name: 'LOCKED', value: 'x', final: true, required: true }],
    ['a name that merely contains DROVER', { name: 'MY_DROVER_X' }],
  ])('accepts %s', (_reason, input) => {
    expect(paths(GlobalVariable, input)).toEqual([]);
  });

  it.each([
    ['the reserved prefix', { name: 'DROVER_FARM_ID', value: 'x' }, 'name'],
    ['the reserved prefix in lower case', { name: 'drover_token' }, 'name'],
    ['a leading digit', { name: '1ST' }, 'name'],
    ['a dash', { name: 'MY-VAR' }, 'name'],
    ['an empty name', { name: '' }, 'name'],
    ['a name over 128 characters', { name: 'A'.repeat(129) }, 'name'],
    ['a value over 4 KiB', { name: 'BIG', value: 'x'.repeat(4097) }, 'value'],
    [
      'a value over 4 KiB in UTF-8 though under 4096 characters',
      { name: 'BIG', value: 'é'.repeat(2049) },
      'value',
    ],
    ['a NUL in the value (no process could receive it)', { name: 'NUL', value: 'a\0b' }, 'value'],
    ['a pattern that does not compile', { name: 'P', validationPattern: '(unclosed' }, 'validationPattern'],
    [
      'a pattern that would escape its anchors',
      { name: 'P', validationPattern: 'a)|(b' },
      'validationPattern',
    ],
    ['an empty pattern', { name: 'P', validationPattern: '' }, 'validationPattern'],
    [
      'a backreference (RE2 matches in linear time and has none)',
      { name: 'P', validationPattern: '(a+)\\1' },
      'validationPattern',
    ],
    ['a lookahead (RE2 has none)', { name: 'P', validationPattern: '(?=a)a+' }, 'validationPattern'],
    [
      'a pattern whose program is too large to match cheaply',
      { name: 'P', validationPattern: '[a-z]{0,1000}[a-z]{0,1000}' },
      'validationPattern',
    ],
    ['final and required without a value', { name: 'X', final: true, required: true }, 'required'],
    ['an unknown field', { name: 'X', locked: true }, ''],
  ])('refuses %s', (_reason, input, path) => {
    expect(paths(GlobalVariable, input)).toEqual([path]);
  });
});

describe('validation pattern refusals', () => {
  it.each([
    ['(unclosed', /not a valid RE2 regular expression \(missing closing \)/],
    ['(a)\\1', /not a valid RE2 regular expression \(invalid escape sequence/],
    ['[a-z]{0,1000}[a-z]{0,1000}', /too complex: it compiles to \d+ instructions, at most 1000/],
  ])('says why %s is refused', (pattern, why) => {
    const result = GlobalVariable.safeParse({ name: 'P', validationPattern: pattern });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(why);
  });
});

describe('GlobalVariables', () => {
  it('refuses a name defined twice in one scope, at the second definition', () => {
    expect(paths(GlobalVariables, [{ name: 'A' }, { name: 'B' }, { name: 'A' }])).toEqual(['2.name']);
  });

  it('treats names as case-sensitive, as environment variables are', () => {
    expect(paths(GlobalVariables, [{ name: 'path' }, { name: 'PATH' }])).toEqual([]);
  });
});
