// Global Variables: the shape of one variable as declared at one scope, and the scopes themselves.
// Rules a single declaration can break are refused here with a field path; rules that need the whole
// hierarchy (final overrides, required values, patterns against inherited values) live in resolve.ts.
// - Names are environment-variable names, case-sensitive as the agent's processes see them.
// - `DROVER_` (in any case) is reserved for the built-ins, so a user variable can never shadow one
//   nor be mistaken for one in a script.
// - `value: null` declares a variable without giving it a value (e.g. a `required` one at account scope).
// - `validationPattern` is an RE2 regular expression matched against the whole value (as an HTML
//   `pattern` attribute is). Patterns come from users and run inside the API, so they are matched by
//   re2js (the JavaScript port of Google's RE2): its automaton runs in time linear in the value, so no
//   pattern can backtrack catastrophically (ReDoS). A checker such as safe-regex2 only guesses (star
//   height) and misses `(a|a)*`; recheck is exact but ships a JVM/native binary and answers
//   asynchronously. RE2 refuses backreferences and lookaround, the features that make backtracking
//   unavoidable; the compiled program is also capped so the linear factor stays small (see
//   VARIABLE_LIMITS.validationPatternInstructionsMax).
import { RE2JS } from 're2js';
import { z } from 'zod';
import { Description } from '../schemas/common';

export const VARIABLE_LIMITS = {
  nameMax: 128,
  /** UTF-8 bytes. */
  valueMaxBytes: 4096,
  validationPatternMax: 512,
  /**
   * RE2 program size. Matching costs at most (instructions × value length) steps: 1,000 × 4 KiB is about
   * 0.1 s in the worst case; real patterns are far smaller (`[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})*` is 256).
   */
  validationPatternInstructionsMax: 1000,
  /** Per scope (one account, one farm role…), to keep the documents that hold them well under DynamoDB's 400 KB. */
  variablesPerScopeMax: 100,
} as const;

export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
export const BUILT_IN_PREFIX = 'DROVER_';

/** From top (broadest) to bottom (narrowest); a lower scope overrides a higher one. */
export const VariableScope = z.enum(['account', 'environment', 'role', 'farm', 'farmRole', 'server']);
export type VariableScope = z.infer<typeof VariableScope>;
export const VARIABLE_SCOPES: readonly VariableScope[] = VariableScope.options;

export const scopeRank = (scope: VariableScope): number => VARIABLE_SCOPES.indexOf(scope);

export const isReservedName = (name: string): boolean => name.toUpperCase().startsWith(BUILT_IN_PREFIX);

/** A compiled validation pattern: `matches` tests the whole value, in time linear in its length. */
export interface ValidationPattern {
  matches(value: string): boolean;
}

/** Why a validation pattern is refused. */
export class InvalidValidationPattern extends Error {}

/** Compiles a validation pattern the way resolution applies it (whole value, RE2). Throws InvalidValidationPattern. */
export function compileValidationPattern(source: string): ValidationPattern {
  let compiled: RE2JS;
  try {
    // RE2 refuses `a)|(b` outright, so the pattern cannot slip out of a whole-value match.
    compiled = RE2JS.compile(source);
  } catch (err) {
    const reason = (err as Error).message.replace(/^error parsing regexp: /, '');
    throw new InvalidValidationPattern(`not a valid RE2 regular expression (${reason})`);
  }
  if (compiled.programSize() > VARIABLE_LIMITS.validationPatternInstructionsMax)
    throw new InvalidValidationPattern(
      `too complex: it compiles to ${compiled.programSize()} instructions, at most ${VARIABLE_LIMITS.validationPatternInstructionsMax} are allowed`,
    );
  return { matches: (value) => compiled.matches(value) };
}

const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

const VariableFields = z
  .object({
    name: z
      .string()
      .regex(
        VARIABLE_NAME_PATTERN,
        'letters, digits and underscore, not starting with a digit, at most 128 long',
      )
      .refine((n) => !isReservedName(n), `names starting with ${BUILT_IN_PREFIX} are reserved for built-ins`),
    value: z
      .string()
      .refine((v) => utf8Bytes(v) <= VARIABLE_LIMITS.valueMaxBytes, {
        message: `at most ${VARIABLE_LIMITS.valueMaxBytes} bytes (UTF-8)`,
      })
      // An environment variable cannot carry NUL: the agent could not start the script at all.
      .refine((v) => !v.includes('\0'), 'must not contain NUL characters')
      .nullable()
      .default(null),
    /** No lower scope may change the value. */
    final: z.boolean().default(false),
    /** Must have a value once resolved down to the farm role (or server) before the farm may launch. */
    required: z.boolean().default(false),
    /** Masked in the API and portal; still handed to the agent. */
    hidden: z.boolean().default(false),
    validationPattern: z
      .string()
      .min(1)
      .max(VARIABLE_LIMITS.validationPatternMax)
      .superRefine((p, ctx) => {
        try {
          compileValidationPattern(p);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
        }
      })
      .optional(),
    description: Description,
  })
  .strict();

export const GlobalVariable = VariableFields.superRefine((v, ctx) => {
  // Locked to no value while demanding one: no scope below could ever satisfy it.
  if (v.final && v.required && v.value === null)
    ctx.addIssue({
      code: 'custom',
      path: ['required'],
      message: 'a final variable without a value can never meet required',
    });
}).meta({ id: 'GlobalVariable' });
export type GlobalVariable = z.infer<typeof GlobalVariable>;
export type GlobalVariableInput = z.input<typeof GlobalVariable>;

/** The variables of one scope: names are unique within it. */
export const GlobalVariables = z
  .array(GlobalVariable)
  .max(VARIABLE_LIMITS.variablesPerScopeMax)
  .superRefine((vars, ctx) => {
    const seen = new Map<string, number>();
    vars.forEach((v, i) => {
      const first = seen.get(v.name);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `"${v.name}" is already defined at index ${first}`,
        });
      else seen.set(v.name, i);
    });
  });
