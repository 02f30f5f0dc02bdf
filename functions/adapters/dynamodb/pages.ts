// Cursor pagination: the cursor is DynamoDB's LastEvaluatedKey, base64url-encoded JSON.
// A cursor is only accepted for the partition it came from, so a cursor can neither read
// another tenant's items nor make DynamoDB answer "the provided starting key is invalid".
import { InvalidInput } from '../../domain/errors';

type Key = Record<string, unknown>;

export function encodeCursor(key: Key | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

export function decodeCursor(
  cursor: string | undefined,
  expected: { attribute: string; value: string },
): Key | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidInput('Invalid cursor', [
      { path: 'cursor', message: 'is not a cursor this API returned' },
    ]);
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    (key as Key)[expected.attribute] === expected.value &&
    Object.values(key as Key).every((v) => typeof v === 'string');
  if (!valid)
    throw new InvalidInput('Invalid cursor', [
      { path: 'cursor', message: 'does not belong to this listing' },
    ]);
  return key as Key;
}
