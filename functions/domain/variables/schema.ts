// Global Variables: the shape of one variable as declared at one scope, and the scopes themselves.
// Rules a single declaration can break are refused here with a field path; rules that need the whole
// hierarchy (final overrides, required values, patterns against inherited values) live in resolve.ts.
// - Names are environment-variable names, case-sensitive as the agent's processes see them.
// - `DROVER_` (in any case) is reserved for the built-ins, so a user variable can never shadow one
//   nor be mistaken for one in a script.
// - `value: null` declares a variable without giving it a value (e.g. a `required` one at account scope).
// - `validationPattern` is JavaScript RegExp source matched against the whole value, as an HTML
//   `pattern` attribute is, so the portal's form can use the same pattern as-is.
import { z } from 'zod';
import { Description } from '../schemas/common';

export const VARIABLE_LIMITS = {
  nameMax: 128,
  /** UTF-8 bytes. */
  valueMaxBytes: 4096,
  validationPatternMax: 512,
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

/** Compiles a validation pattern the way resolution applies it: anchored to the whole value. Throws a SyntaxError if it does not compile. */
export function compileValidationPattern(source: string): RegExp {
  // Alone first: `a)|(b` compiles only once wrapped, and would then slip out of the anchors.
  new RegExp(source);
  return new RegExp(`^(?:${source})$`);
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
      .refine((p) => {
        try {
          compileValidationPattern(p);
          return true;
        } catch {
          return false;
        }
      }, 'must be a valid JavaScript regular expression')
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
