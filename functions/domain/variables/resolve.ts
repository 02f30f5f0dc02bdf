// Global Variable resolution: from the declarations at each scope (account → environment → role → farm →
// farm role → server) to the effective value of every name, where it came from, and what is wrong.
// Long because: the rules are written out here, above the one resolution that applies them.
// The rules:
// - Value: the lowest scope that gives a value (not null) wins; a null value keeps what is above.
// - `final` locks the value where it is first set (its own value, or the one inherited there); a value
//   given below is ignored and reported with both scopes. Final locks the value only: a lower scope may
//   still add flags, a pattern or a description.
// - Flags are inherited downward: a lower scope may add `final`, `required` or `hidden`, never clear them.
// - `required` is met when the resolved value is not null. The issue asks for "a value at the farm role
//   or below": a value inherited from above resolves at the farm role, so it counts (a required
//   variable with an environment-wide default is satisfied everywhere); resolve at the farm role or
//   server to decide whether a farm may launch.
// - Every validation pattern on the path applies to the effective value: a lower scope may add a
//   pattern (narrowing), never replace one set higher up (loosening). Each mismatch is its own problem.
//   Except on a hidden value: a pattern declared below the scope that set a hidden value is not
//   matched against it. Whoever manages that lower scope cannot read the value, and a match that
//   decided anything (a 422 on save, a problem, a refused launch) would let them recover it one
//   character at a time with guessed patterns. Patterns at or above the value's scope still apply.
// - Built-ins win and are read-only; any user definition of a `DROVER_*` name is ignored and reported.
// - Two definitions of one name at one scope are ambiguous: both are ignored and reported, so the result
//   never depends on the order of a layer.
// Problems never quote a value, so they can be shown wherever the public view is.
import {
  compileValidationPattern,
  type GlobalVariable,
  isReservedName,
  scopeRank,
  VARIABLE_SCOPES,
  type ValidationPattern,
  type VariableScope,
} from './schema';

export interface VariableLayer {
  scope: VariableScope;
  variables: readonly GlobalVariable[];
}

export type VariableProblem =
  | {
      kind: 'finalOverride';
      name: string;
      finalScope: VariableScope;
      overrideScope: VariableScope;
      message: string;
    }
  | { kind: 'requiredMissing'; name: string; declaredAt: VariableScope; message: string }
  | {
      kind: 'patternMismatch';
      name: string;
      valueScope: VariableScope;
      patternScope: VariableScope;
      pattern: string;
      message: string;
    }
  | { kind: 'invalidPattern'; name: string; scope: VariableScope; message: string }
  | { kind: 'builtInRedefined'; name: string; scope: VariableScope; message: string }
  | { kind: 'duplicate'; name: string; scope: VariableScope; message: string };

export interface ResolvedVariable {
  name: string;
  value: string | null;
  /** Where the effective value came from; null when no scope gives one. */
  scope: VariableScope | 'builtIn' | null;
  hidden: boolean;
  final: boolean;
  required: boolean;
  /** Every scope whose layer names the variable, top to bottom, including ignored definitions. */
  definedAt: VariableScope[];
  /** The pattern declared nearest the bottom (the one a form shows first); null when there is none. */
  validationPattern: string | null;
  /** Every pattern on the path, top to bottom: the value must match them all. */
  validationPatterns: { pattern: string; scope: VariableScope }[];
  description: string;
  problems: VariableProblem[];
}

export interface VariableResolution {
  /** Sorted by name (code unit order, not locale). */
  variables: ResolvedVariable[];
  problems: VariableProblem[];
}

export const HIDDEN_MASK = '******';

const SCOPE_LABELS: Record<VariableScope, string> = {
  account: 'account',
  environment: 'environment',
  role: 'role',
  farm: 'farm',
  farmRole: 'farm role',
  server: 'server',
};
const at = (scope: VariableScope) => `${SCOPE_LABELS[scope]} scope`;

/** Definitions of one name, indexed by scope rank. */
type PerScope = GlobalVariable[][];

export function resolveVariables(
  layers: readonly VariableLayer[],
  builtIns: Readonly<Record<string, string>>,
): VariableResolution {
  const byName = new Map<string, PerScope>();
  for (const layer of layers) {
    for (const v of layer.variables) {
      let perScope = byName.get(v.name);
      if (!perScope) {
        perScope = VARIABLE_SCOPES.map(() => []);
        byName.set(v.name, perScope);
      }
      perScope[scopeRank(layer.scope)]!.push(v);
    }
  }
  const names = [...new Set([...byName.keys(), ...Object.keys(builtIns)])].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const variables: ResolvedVariable[] = [];
  const problems: VariableProblem[] = [];
  for (const name of names) {
    const perScope = byName.get(name) ?? VARIABLE_SCOPES.map(() => []);
    if (isReservedName(name) || Object.hasOwn(builtIns, name)) {
      const refused = builtInRedefinitions(name, perScope);
      problems.push(...refused);
      if (Object.hasOwn(builtIns, name))
        variables.push({
          name,
          value: builtIns[name]!,
          scope: 'builtIn',
          hidden: false,
          final: true,
          required: false,
          definedAt: definedAt(perScope),
          validationPattern: null,
          validationPatterns: [],
          description: '',
          problems: refused,
        });
      continue;
    }
    const resolved = resolveOne(name, perScope);
    variables.push(resolved);
    problems.push(...resolved.problems);
  }
  return { variables, problems };
}

const definedAt = (perScope: PerScope): VariableScope[] =>
  VARIABLE_SCOPES.filter((_, rank) => perScope[rank]!.length > 0);

function builtInRedefinitions(name: string, perScope: PerScope): VariableProblem[] {
  return definedAt(perScope).map((scope) => ({
    kind: 'builtInRedefined',
    name,
    scope,
    message: `${name} is reserved for built-in variables; the definition at ${at(scope)} is ignored`,
  }));
}

/** What the scopes say about one variable, top scope first, before its patterns are checked. */
interface Layered {
  value: string | null;
  valueScope: VariableScope | null;
  finalScope: VariableScope | null;
  requiredScope: VariableScope | null;
  hidden: boolean;
  patterns: { pattern: string; scope: VariableScope }[];
  description: string;
}

function resolveOne(name: string, perScope: PerScope): ResolvedVariable {
  const problems: VariableProblem[] = [];
  const layered = layerScopes(name, perScope, problems);
  const { value, valueScope, finalScope, requiredScope, hidden, patterns } = layered;
  problems.push(...patternProblems(name, layered));
  if (requiredScope !== null && value === null) {
    problems.push({
      kind: 'requiredMissing',
      name,
      declaredAt: requiredScope,
      message: `${name} is required (declared at ${at(requiredScope)}) and has no value`,
    });
  }

  return {
    name,
    value,
    scope: valueScope,
    hidden,
    final: finalScope !== null,
    required: requiredScope !== null,
    definedAt: definedAt(perScope),
    validationPattern: patterns.at(-1)?.pattern ?? null,
    validationPatterns: patterns,
    description: layered.description,
    problems,
  };
}

function layerScopes(name: string, perScope: PerScope, problems: VariableProblem[]): Layered {
  const l: Layered = {
    value: null,
    valueScope: null,
    finalScope: null,
    requiredScope: null,
    hidden: false,
    patterns: [],
    description: '',
  };
  for (const [rank, scope] of VARIABLE_SCOPES.entries()) {
    const defs = perScope[rank]!;
    if (defs.length === 0) continue;
    if (defs.length > 1) {
      problems.push({
        kind: 'duplicate',
        name,
        scope,
        message: `${name} is defined more than once at ${at(scope)}; those definitions are ignored`,
      });
      continue;
    }
    const v = defs[0]!;
    if (v.value !== null) {
      if (l.finalScope === null) {
        l.value = v.value;
        l.valueScope = scope;
      } else {
        problems.push({
          kind: 'finalOverride',
          name,
          finalScope: l.finalScope,
          overrideScope: scope,
          message: `${name} is final at ${at(l.finalScope)}; the value given at ${at(scope)} is ignored`,
        });
      }
    }
    // After the value: a scope that sets final and a value locks its own value.
    if (v.final && l.finalScope === null) l.finalScope = scope;
    if (v.required && l.requiredScope === null) l.requiredScope = scope;
    l.hidden ||= v.hidden;
    if (v.validationPattern !== undefined) l.patterns.push({ pattern: v.validationPattern, scope });
    if (v.description) l.description = v.description;
  }
  return l;
}

function patternProblems(name: string, { patterns, hidden, value, valueScope }: Layered): VariableProblem[] {
  const problems: VariableProblem[] = [];
  for (const { pattern, scope: patternScope } of patterns) {
    const belowHiddenValue = hidden && valueScope !== null && scopeRank(patternScope) > scopeRank(valueScope);
    let compiled: ValidationPattern | null = null;
    try {
      compiled = compileValidationPattern(pattern);
    } catch {
      problems.push({
        kind: 'invalidPattern',
        name,
        scope: patternScope,
        message: `the validation pattern of ${name} at ${at(patternScope)} is not a valid regular expression`,
      });
    }
    if (compiled && value !== null && !belowHiddenValue && !compiled.matches(value)) {
      problems.push({
        kind: 'patternMismatch',
        name,
        valueScope: valueScope!,
        patternScope,
        pattern: hidden ? HIDDEN_MASK : pattern,
        message: `the value of ${name} (from ${at(valueScope!)}) does not match the pattern ${hidden ? '(hidden)' : pattern} declared at ${at(patternScope)}`,
      });
    }
  }
  return problems;
}

// Object.fromEntries defines own properties, so a variable named `__proto__` stays a plain entry.
const toEnvironment = (resolution: VariableResolution, shown: (v: ResolvedVariable) => string) =>
  Object.fromEntries(
    resolution.variables.filter((v) => v.value !== null).map((v) => [v.name, shown(v)]),
  ) as Record<string, string>;

/** What the agent puts in a script's environment: hidden values included, unset variables left out. */
export const agentEnvironment = (resolution: VariableResolution): Record<string, string> =>
  toEnvironment(resolution, (v) => v.value!);

/** The same map for the API and portal, with hidden values masked. */
export const publicView = (resolution: VariableResolution): Record<string, string> =>
  toEnvironment(resolution, (v) => (v.hidden ? HIDDEN_MASK : v.value!));

/**
 * The whole resolution ("why is it this value") for the API and portal, with hidden values masked,
 * and a hidden variable's patterns too: a pattern can say most of a secret (`^sk_live_[a-z]{4}$`).
 */
export const publicResolution = (resolution: VariableResolution): VariableResolution => ({
  variables: resolution.variables.map((v) =>
    v.hidden
      ? {
          ...v,
          value: v.value === null ? null : HIDDEN_MASK,
          validationPattern: v.validationPattern === null ? null : HIDDEN_MASK,
          validationPatterns: v.validationPatterns.map((p) => ({ ...p, pattern: HIDDEN_MASK })),
        }
      : v,
  ),
  problems: resolution.problems,
});
