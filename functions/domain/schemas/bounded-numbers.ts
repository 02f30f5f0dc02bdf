// Numbers that are not integers, bounded so DynamoDB and JSON keep them as sent. zod 4's .int()
// already refuses integers beyond Number.MAX_SAFE_INTEGER and z.number() refuses Infinity; a
// fraction can still be 1e308 (the document client refuses numbers beyond MAX_SAFE_INTEGER) or
// 1e-300 (DynamoDB stores magnitudes from 1e-130 only): both were 500s before these bounds.
import { z } from 'zod';
import { MAX_MEASURE } from '../input-bounds';

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
