// What a sandbox command gets and gives: the request's parameters (names lower-cased, as
// CloudStack reads them case-insensitively), the world and the fault injector; an answer.
import type { FaultInjector } from '../../core/faults';
import type { ApiAnswer } from '../../core/sandbox-server';
import { badParameter } from '../envelope';
import type { CloudStackState } from '../state';

export interface CommandContext {
  params: Map<string, string>;
  /** GET or POST: CloudStack takes more user data by POST. */
  method: string;
  state: CloudStackState;
  faults: Pick<FaultInjector, 'lacksCapacity'>;
  /** Whether this account may pass expunge=true (CloudStack's allow.user.expunge.recover.vm). */
  mayExpunge: boolean;
}

export type Command = (ctx: CommandContext) => ApiAnswer;

export function required(ctx: CommandContext, name: string): string {
  const value = ctx.params.get(name);
  if (!value) throw badParameter(`Unable to execute API command ${name}: the parameter ${name} is required`);
  return value;
}

/** `tags[0].key=…&tags[0].value=…` (also `resourceids`' sibling forms) as a list, in index order. */
export function indexedMaps(params: Map<string, string>, prefix: string): Record<string, string>[] {
  const found = new Map<number, Record<string, string>>();
  for (const [name, value] of params) {
    const m = new RegExp(`^${prefix}\\[(\\d+)\\]\\.(\\w+)$`).exec(name);
    if (!m) continue;
    const index = Number(m[1]);
    found.set(index, { ...found.get(index), [m[2]!]: value });
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** One page of `items` as CloudStack cuts it (`page` from 1, `pagesize`), and the total count. */
export function page<T>(ctx: CommandContext, items: T[]): { count: number; items: T[] } {
  const size = Number(ctx.params.get('pagesize') ?? 500);
  const n = Number(ctx.params.get('page') ?? 1);
  if (!Number.isInteger(size) || size < 1 || !Number.isInteger(n) || n < 1)
    throw badParameter('page and pagesize must be positive integers');
  return { count: items.length, items: items.slice((n - 1) * size, n * size) };
}

/** A list answer: `{count, <item>: [...]}`, or `{}` when nothing matched, as CloudStack answers. */
export function listBody<T>(item: string, found: { count: number; items: T[] }): Record<string, unknown> {
  return found.count === 0 ? {} : { count: found.count, [item]: found.items };
}
