// The "why is it this value" view of a farm role's Global Variables for the API and portal: each
// variable's effective value and origin, every declaration on its path (which one won, which were
// overridden or ignored), and the problems. Hidden values are masked here, once, so no caller can
// forget to.
import { z } from 'zod';
import {
  HIDDEN_MASK,
  publicResolution,
  type ResolvedVariable,
  type VariableLayer,
  type VariableProblem,
  type VariableResolution,
} from './resolve';
import { VariableScope } from './schema';

export const VariableProblemView = z
  .object({
    kind: z.enum([
      'finalOverride',
      'requiredMissing',
      'patternMismatch',
      'invalidPattern',
      'builtInRedefined',
      'duplicate',
    ]),
    name: z.string(),
    message: z.string(),
    scope: VariableScope.optional(),
    finalScope: VariableScope.optional(),
    overrideScope: VariableScope.optional(),
    declaredAt: VariableScope.optional(),
    valueScope: VariableScope.optional(),
    patternScope: VariableScope.optional(),
    pattern: z.string().optional(),
  })
  .meta({ id: 'VariableProblem' });

export const VariableDeclarationView = z.object({
  scope: VariableScope,
  /** Masked when the variable is hidden. */
  value: z.string().nullable(),
  final: z.boolean(),
  required: z.boolean(),
  hidden: z.boolean(),
  validationPattern: z.string().nullable(),
  description: z.string(),
  /** `effective`: its value is the one in force; `overridden`: a lower scope's value won; `ignored`: final above refused it; `declared`: it gives no value. */
  role: z.enum(['effective', 'overridden', 'ignored', 'declared']),
});
export type VariableDeclarationView = z.infer<typeof VariableDeclarationView>;

export const ResolvedVariableView = z
  .object({
    name: z.string(),
    value: z.string().nullable(),
    scope: z.union([VariableScope, z.literal('builtIn')]).nullable(),
    hidden: z.boolean(),
    final: z.boolean(),
    required: z.boolean(),
    definedAt: z.array(VariableScope),
    validationPattern: z.string().nullable(),
    validationPatterns: z.array(z.object({ pattern: z.string(), scope: VariableScope })),
    description: z.string(),
    declarations: z.array(VariableDeclarationView),
    problems: z.array(VariableProblemView),
  })
  .meta({ id: 'ResolvedVariable' });
export type ResolvedVariableView = z.infer<typeof ResolvedVariableView>;

export const VariableResolutionView = z
  .object({ variables: z.array(ResolvedVariableView), problems: z.array(VariableProblemView) })
  .meta({ id: 'VariableResolution' });
export type VariableResolutionView = z.infer<typeof VariableResolutionView>;

function declarationsOf(name: string, resolved: ResolvedVariable, layers: readonly VariableLayer[]) {
  const ignoredAt = new Set(
    resolved.problems.flatMap((p: VariableProblem) => (p.kind === 'finalOverride' ? [p.overrideScope] : [])),
  );
  return layers.flatMap((layer) =>
    layer.variables
      .filter((d) => d.name === name)
      .map(
        (d): VariableDeclarationView => ({
          scope: layer.scope,
          value: d.value !== null && resolved.hidden ? HIDDEN_MASK : d.value,
          final: d.final,
          required: d.required,
          hidden: d.hidden,
          validationPattern:
            d.validationPattern === undefined ? null : resolved.hidden ? HIDDEN_MASK : d.validationPattern,
          description: d.description,
          role:
            d.value === null
              ? 'declared'
              : resolved.scope === layer.scope
                ? 'effective'
                : ignoredAt.has(layer.scope)
                  ? 'ignored'
                  : 'overridden',
        }),
      ),
  );
}

/** The public view of a resolution over `layers`: masked, with each variable's declarations. */
export function explainResolution(
  resolution: VariableResolution,
  layers: readonly VariableLayer[],
): VariableResolutionView {
  const shown = publicResolution(resolution);
  return {
    variables: shown.variables.map((r, i) => ({
      ...r,
      declarations: declarationsOf(r.name, resolution.variables[i]!, layers),
    })),
    problems: shown.problems,
  };
}
