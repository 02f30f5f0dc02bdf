// EC2 `Filter.N.Name` / `Filter.N.Value.M`: values of one filter are ORed, filters are ANDed,
// values may hold `*` and `?` wildcards, and an unknown filter name is an error (as in EC2).
import { invalidParameter } from './errors';
import type { QueryParams } from './query';

export interface Filter {
  name: string;
  values: RegExp[];
}

export function parseFilters(params: QueryParams): Filter[] {
  return params.members('Filter').map((f) => ({
    name: f.required('Name'),
    values: f.list('Value').map(wildcard),
  }));
}

/** `fields(name)` answers the values a resource has for a filter name, or undefined if the name is unknown. */
export function matchesFilters(filters: Filter[], fields: (name: string) => string[] | undefined): boolean {
  return filters.every((filter) => {
    const actual = fields(filter.name);
    if (actual === undefined) throw invalidParameter(`The filter '${filter.name}' is invalid`);
    return actual.some((value) => filter.values.some((pattern) => pattern.test(value)));
  });
}

/** Rejects unknown filter names up front, even when there is nothing to match. */
export function checkFilterNames(filters: Filter[], known: (name: string) => boolean): void {
  for (const filter of filters)
    if (!known(filter.name)) throw invalidParameter(`The filter '${filter.name}' is invalid`);
}

function wildcard(value: string): RegExp {
  const escaped = value
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 's');
}
