// `${NAME}` in tag values: replaced by resolved values; hidden and valueless references refused.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${NAME}` in these strings is the tag syntax under test, not a template mistake
import { describe, expect, it } from 'vitest';
import { resolveVariables, substituteTags, substituteVariables } from '../../../functions/domain/variables';
import { layer, v } from './variable-fixtures';

const resolution = resolveVariables(
  [
    layer('account', v('TEAM', 'payments'), v('TOKEN', 's3cret', { hidden: true }), v('EMPTY', null)),
    layer('farmRole', v('TIER', 'web'), v('BLANK', '')),
  ],
  { DROVER_FARM_NAME: 'shop' },
);

describe('substituteVariables', () => {
  it.each([
    ['a plain reference', '${TEAM}', 'payments'],
    ['several references with text around', '${DROVER_FARM_NAME}-${TIER}/x', 'shop-web/x'],
    ['an empty value is a value', '[${BLANK}]', '[]'],
    ['text without references', 'no refs $TEAM {TEAM}', 'no refs $TEAM {TEAM}'],
    ['an escaped reference stays literal', '$${TEAM}', '${TEAM}'],
  ])('replaces %s', (_reason, template, expected) => {
    expect(substituteVariables(template, resolution, 'tag T')).toEqual({ value: expected, problems: [] });
  });

  it.each([
    [
      'a hidden variable, saying why',
      '${TOKEN}',
      /tag T references the hidden variable TOKEN: hidden values are never put in tags/,
    ],
    ['a variable without a value', '${EMPTY}', /tag T references EMPTY, which has no value/],
    ['an unknown variable', '${NOPE}', /tag T references NOPE, which has no value/],
  ])('refuses %s', (_reason, template, message) => {
    const { problems } = substituteVariables(template, resolution, 'tag T');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(message);
    expect(JSON.stringify(problems)).not.toContain('s3cret');
  });
});

describe('substituteTags', () => {
  it('substitutes every tag value and gathers every problem', () => {
    expect(substituteTags({ Team: '${TEAM}', Secret: '${TOKEN}', Plain: 'x' }, resolution)).toEqual({
      tags: { Team: 'payments', Secret: '${TOKEN}', Plain: 'x' },
      problems: [expect.objectContaining({ name: 'TOKEN' })],
    });
  });
});
