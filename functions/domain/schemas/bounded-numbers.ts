// Numbers that are not integers, bounded so DynamoDB and JSON keep them as sent. zod 4's .int()
// already refuses integers beyond Number.MAX_SAFE_INTEGER and z.number() refuses Infinity; a
// fraction can still be 1e308 (the document client refuses numbers beyond MAX_SAFE_INTEGER) or
// 1e-300 (DynamoDB stores magnitudes from 1e-130 only): both were 500s before these bounds.
import { z } from 'zod';
import { MAX_INTEGER, MAX_MEASURE } from '../input-bounds';

/** Smallest non-zero magnitude a fraction may have: below this a measured value is noise. */
export const MIN_FRACTION_MAGNITUDE = 1e-9;

/** A finite number in [min, max] that is 0 or at least MIN_FRACTION_MAGNITUDE in magnitude. */
export const boundedNumber = (min: number, max: number) =>
  z
    .number()
    .min(min)
    .max(max)
    .refine((v) => v === 0 || Math.abs(v) >= MIN_FRACTION_MAGNITUDE, {
      message: `must be 0 or at least ${MIN_FRACTION_MAGNITUDE} in magnitude`,
    });

/** A non-negative measurement an agent reports (bytes, load): up to MAX_MEASURE. */
export const Measure = boundedNumber(0, MAX_MEASURE);

/** Whether a number is one DynamoDB and the document client keep exactly as sent. */
export const isStorableNumber = (v: number) =>
  v === 0 || (Math.abs(v) >= MIN_FRACTION_MAGNITUDE && Math.abs(v) <= MAX_INTEGER);

/**
 * A free-form JSON object (a custom event's payload): any shape, but every number in it
 * storable (see isStorableNumber). Walked with a stack, not recursion; the body's depth is
 * already bounded by MAX_JSON_DEPTH before it is parsed.
 */
export const JsonPayload = z.record(z.string(), z.unknown()).superRefine((payload, ctx) => {
  const stack: [unknown, (string | number)[]][] = [[payload, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'number' && !isStorableNumber(value)) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `numbers must be 0 or between ${MIN_FRACTION_MAGNITUDE} and ${MAX_INTEGER} in magnitude`,
      });
      return;
    }
    if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value))
        stack.push([v, [...path, Array.isArray(value) ? Number(k) : k]]);
  }
});
