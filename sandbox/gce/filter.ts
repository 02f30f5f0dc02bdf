// The Compute Engine list `filter` expression, enough of it for what clients send:
//   labels.drover-farm = "farm-…"                   (=, !=, : for "has", eq/ne with a regular expression)
//   (labels.a = "x") AND (labels.b = "y")          (AND, OR, NOT, parentheses; juxtaposition means AND)
// Fields are dotted paths into the resource's JSON (`name`, `status`, `labels.team`, `zone`).
import { invalidField } from './errors';

type Node =
  | { kind: 'and' | 'or'; items: Node[] }
  | { kind: 'not'; item: Node }
  | { kind: 'cmp'; field: string; op: string; value: string };

export type ResourcePredicate = (resource: Record<string, unknown>) => boolean;

const TOKEN = /\(|\)|!=|=|:|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s()=!:"']+/y;

function tokenize(filter: string): string[] {
  const tokens: string[] = [];
  let pos = 0;
  while (pos < filter.length) {
    if (/\s/.test(filter[pos] as string)) {
      pos++;
      continue;
    }
    TOKEN.lastIndex = pos;
    const match = TOKEN.exec(filter);
    if (!match) throw new Error(`unexpected character at ${pos}`);
    tokens.push(match[0]);
    pos = TOKEN.lastIndex;
  }
  return tokens;
}

function unquote(token: string): string {
  if (/^["'].*["']$/s.test(token)) return token.slice(1, -1).replace(/\\(.)/g, '$1');
  return token;
}

function parse(filter: string): Node {
  const tokens = tokenize(filter);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (t === undefined) throw new Error('unexpected end');
    return t;
  };

  function orExpr(): Node {
    const items = [andExpr()];
    while (peek()?.toUpperCase() === 'OR') {
      i++;
      items.push(andExpr());
    }
    return items.length === 1 ? (items[0] as Node) : { kind: 'or', items };
  }
  function andExpr(): Node {
    const items = [unary()];
    for (;;) {
      const t = peek();
      if (t === undefined || t === ')' || t.toUpperCase() === 'OR') break;
      if (t.toUpperCase() === 'AND') i++;
      items.push(unary());
    }
    return items.length === 1 ? (items[0] as Node) : { kind: 'and', items };
  }
  function unary(): Node {
    const t = next();
    if (t.toUpperCase() === 'NOT' || t === '-') return { kind: 'not', item: unary() };
    if (t === '(') {
      const inner = orExpr();
      if (next() !== ')') throw new Error('missing )');
      return inner;
    }
    const field = t;
    if (!/^[A-Za-z][\w.-]*$/.test(field)) throw new Error(`bad field ${field}`);
    const op = next();
    if (!['=', '!=', ':', 'eq', 'ne'].includes(op)) throw new Error(`bad operator ${op}`);
    return { kind: 'cmp', field, op, value: unquote(next()) };
  }

  const tree = orExpr();
  if (i !== tokens.length) throw new Error('trailing tokens');
  return tree;
}

function lookup(resource: Record<string, unknown>, field: string): unknown {
  let value: unknown = resource;
  // Label keys may contain dots in other APIs, but GCE label keys never do, so splitting is safe.
  for (const part of field.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function matches(node: Node, resource: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'and':
      return node.items.every((n) => matches(n, resource));
    case 'or':
      return node.items.some((n) => matches(n, resource));
    case 'not':
      return !matches(node.item, resource);
    case 'cmp': {
      const actual = lookup(resource, node.field);
      const text = actual === undefined || actual === null ? undefined : String(actual);
      switch (node.op) {
        case '=':
          return (
            text === node.value ||
            (text !== undefined && node.value.includes('*') && wildcard(node.value).test(text))
          );
        case '!=':
          return text !== node.value;
        case ':':
          return node.value === '*' ? text !== undefined : (text?.includes(node.value) ?? false);
        case 'eq':
          return text !== undefined && new RegExp(`^(?:${node.value})$`).test(text);
        default:
          return text === undefined || !new RegExp(`^(?:${node.value})$`).test(text);
      }
    }
  }
}

function wildcard(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** Compiles a filter; an empty filter matches everything. Throws the API's 400 on a malformed one. */
export function compileFilter(filter: string | null): ResourcePredicate {
  if (!filter || filter.trim() === '') return () => true;
  try {
    const tree = parse(filter);
    return (resource) => matches(tree, resource);
  } catch {
    throw invalidField('filter', filter, 'Invalid list filter expression.');
  }
}
