// The bounds every input to the API stays within, in one place: the body limits the middleware
// enforces before parsing, and the number limits the zod schemas are built from. Hosted mode
// takes input from anyone with an account; these keep that input from hurting the platform
// (a stack overflow, a DynamoDB refusal answered as 500, a number JSON cannot round-trip).

/** Largest request body, in bytes (API Gateway allows 10 MB, Lambda 6 MB; no Drover shape needs more). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Deepest nesting of a JSON body (objects and arrays). DynamoDB refuses items nested more than
 * 32 levels; stored bodies gain a few levels (an event's payload inside its item, an audit entry's
 * changes), so the body itself stays well below that.
 */
export const MAX_JSON_DEPTH = 20;

/**
 * Integers are exact in JSON (and in a JavaScript number) only up to 2^53 - 1, and DynamoDB
 * numbers carry 38 digits: a larger value would be stored as something else than was sent.
 */
export const MAX_INTEGER = Number.MAX_SAFE_INTEGER;

/**
 * Magnitude bound for measured values (agent metrics, thresholds): large enough for any byte
 * count or rate a server reports, far below the point where sums of them overflow to Infinity.
 */
export const MAX_MEASURE = 1e15;
