// Invariants of resolveVariables over random declarations at random scopes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type GlobalVariable,
  HIDDEN_MASK,
  publicResolution,
  publicView,
  resolveVariables,
  scopeRank,
  VARIABLE_SCOPES,
  type VariableLayer,
  type VariableScope,
} from '../../../functions/domain/variables';

const NAMES = ['A', 'B', 'C'];
const BUILT_INS = { DROVER_SERVER_ID: 'srv-1' };

interface Shape {
  final?: fc.Arbitrary<boolean>;
  /** Allow the same name twice in one layer, reserved names and patterns that do not compile. */
  messy?: boolean;
}

const variableArb = (shape: Shape) =>
  fc.record({
    name: shape.messy
      ? fc.constantFrom(...NAMES, 'DROVER_SERVER_ID', 'DROVER_OTHER')
      : fc.constantFrom(...NAMES),
    value: fc.option(fc.constantFrom('', 'a', 'b', 'aa'), { nil: null }),
    final: shape.final ?? fc.boolean(),
    required: fc.boolean(),
    hidden: fc.boolean(),
    validationPattern: fc.option(fc.constantFrom('a*', 'b', '.+', ...(shape.messy ? ['('] : [])), {
      nil: undefined,
    }),
    description: fc.constantFrom('', 'why'),
  }) as fc.Arbitrary<GlobalVariable>;

const layersArb = (shape: Shape = {}): fc.Arbitrary<VariableLayer[]> =>
  fc
    .subarray([...VARIABLE_SCOPES])
    .chain((scopes) =>
      fc.tuple(
        ...scopes.map((scope) =>
          (shape.messy
            ? fc.array(variableArb(shape), { maxLength: 4 })
            : fc.uniqueArray(variableArb(shape), { selector: (v) => v.name, maxLength: 3 })
          ).map((variables) => ({ scope, variables })),
        ),
      ),
    );

const find = (layers: VariableLayer[], name: string) =>
  layers
    .flatMap((l) => l.variables.filter((v) => v.name === name).map((v) => ({ scope: l.scope, v })))
    .sort((x, y) => scopeRank(x.scope) - scopeRank(y.scope));

const resolvedByName = (layers: VariableLayer[]) =>
  new Map(resolveVariables(layers, BUILT_INS).variables.map((r) => [r.name, r]));

describe('resolveVariables properties', () => {
  it('gives a non-final variable the value of the lowest scope that gives one', () => {
    fc.assert(
      fc.property(layersArb({ final: fc.constant(false) }), (layers) => {
        const resolved = resolvedByName(layers);
        for (const name of NAMES) {
          const lowest = find(layers, name)
            .filter((d) => d.v.value !== null)
            .at(-1);
          if (!find(layers, name).length) expect(resolved.has(name)).toBe(false);
          else
            expect(resolved.get(name)).toMatchObject({
              value: lowest?.v.value ?? null,
              scope: lowest?.scope ?? null,
            });
        }
      }),
    );
  });

  it('never lets anything below a final scope change the value', () => {
    fc.assert(
      fc.property(layersArb(), (layers) => {
        for (const [name, r] of resolvedByName(layers)) {
          if (!r.final || r.scope === 'builtIn') continue;
          const finalScope = find(layers, name).find((d) => d.v.final)!.scope;
          const above = layers.filter((l) => scopeRank(l.scope) <= scopeRank(finalScope));
          expect(resolvedByName(above).get(name)).toMatchObject({ value: r.value, scope: r.scope });
        }
      }),
    );
  });

  it('reports a pattern mismatch exactly for each pattern on the path the value fails, however low it was declared, except below a hidden value', () => {
    fc.assert(
      fc.property(layersArb(), (layers) => {
        for (const [name, r] of resolvedByName(layers)) {
          if (r.scope === 'builtIn') continue;
          // A pattern below the scope of a hidden value is never matched against it (no guessing oracle).
          const belowHidden = (scope: VariableScope) =>
            r.hidden && r.scope !== null && scopeRank(scope) > scopeRank(r.scope as VariableScope);
          const declared = find(layers, name).filter(
            (d) => d.v.validationPattern !== undefined && !belowHidden(d.scope),
          );
          const failing =
            r.value === null
              ? []
              : declared.filter((d) => !new RegExp(`^(?:${d.v.validationPattern})$`).test(r.value!));
          expect(r.problems.filter((p) => p.kind === 'patternMismatch').map((p) => p.patternScope)).toEqual(
            failing.map((d) => d.scope),
          );
        }
      }),
    );
  });

  it('does not depend on the order of variables in a layer, nor of the layers', () => {
    const shuffled = layersArb({ messy: true }).chain((layers) =>
      fc.tuple(
        fc.constant(layers),
        fc.shuffledSubarray(layers, { minLength: layers.length, maxLength: layers.length }).chain((ls) =>
          fc.tuple(
            ...ls.map((l) =>
              fc
                .shuffledSubarray([...l.variables], {
                  minLength: l.variables.length,
                  maxLength: l.variables.length,
                })
                .map((variables) => ({ scope: l.scope, variables })),
            ),
          ),
        ),
      ),
    );
    fc.assert(
      fc.property(shuffled, ([layers, reordered]) => {
        expect(resolveVariables(reordered, BUILT_INS)).toEqual(resolveVariables(layers, BUILT_INS));
      }),
    );
  });

  it('never shows a hidden value in the public view', () => {
    // Every declared value is unique to its scope and name, so finding it in the output means it leaked.
    const tagged = layersArb({ messy: true }).map((layers) =>
      layers.map((l) => ({
        scope: l.scope,
        variables: l.variables.map((v) =>
          v.value === null ? v : { ...v, value: `val-${l.scope}-${v.name}` },
        ),
      })),
    );
    fc.assert(
      fc.property(tagged, (layers) => {
        // Hidden by the rules, not by the resolver's word: declared hidden at some scope (and not ignored there as a duplicate).
        const hiddenNames = new Set(
          layers
            .flatMap((l) =>
              l.variables.filter(
                (v) => v.hidden && l.variables.filter((w) => w.name === v.name).length === 1,
              ),
            )
            .map((v) => v.name),
        );
        const resolution = resolveVariables(layers, BUILT_INS);
        const view = publicView(resolution);
        const everythingShown = JSON.stringify([view, publicResolution(resolution)]);
        for (const name of hiddenNames) {
          if (name in BUILT_INS) continue;
          if (Object.hasOwn(view, name)) expect(view[name]).toBe(HIDDEN_MASK);
          for (const l of layers)
            for (const v of l.variables)
              if (v.name === name && v.value !== null)
                expect(everythingShown).not.toContain(JSON.stringify(v.value));
        }
      }),
    );
  });
});
