// The id and the error of each field of one part of a form: `fieldScope(errors, 'farmRoles.0',
// 'fr-0')('network.vpcId')` → `{ id: 'fr-0-network-vpcId', error }`, the error read at the
// problem+json path the API and the shared schema use, so no form builds ids and paths by hand.
import { errorAt, type FieldErrors } from './field-errors';

export interface FieldIdentity {
  id: string;
  error?: string;
}

export function fieldScope(
  errors: FieldErrors,
  pathPrefix: string,
  idPrefix: string,
): (field: string) => FieldIdentity {
  return (field) => ({
    id: `${idPrefix}-${field.replace(/\./g, '-')}`,
    error: errorAt(errors, pathPrefix ? `${pathPrefix}.${field}` : field),
  });
}
