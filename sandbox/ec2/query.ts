// The EC2 Query protocol's request side: a form-encoded body whose lists are flattened as
// `Name.1`, `Name.2` and whose structures nest with dots (`Filter.1.Value.2`,
// `TagSpecification.1.Tag.3.Key`). QueryParams gives typed access to that flat map.
import { Ec2ApiError, invalidParameter, missingParameter } from './errors';

export class QueryParams {
  constructor(private readonly entries: Map<string, string>) {}

  static parse(body: string): QueryParams {
    return new QueryParams(new Map(new URLSearchParams(body)));
  }

  get(name: string): string | undefined {
    return this.entries.get(name);
  }

  required(name: string): string {
    const value = this.entries.get(name);
    if (value === undefined || value === '') throw missingParameter(name);
    return value;
  }

  int(name: string, fallback?: number): number | undefined {
    const raw = this.entries.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value)) throw invalidParameter(`Invalid value '${raw}' for ${name}`);
    return value;
  }

  bool(name: string): boolean | undefined {
    const raw = this.entries.get(name);
    if (raw === undefined) return undefined;
    if (raw !== 'true' && raw !== 'false') throw invalidParameter(`Invalid value '${raw}' for ${name}`);
    return raw === 'true';
  }

  /** `Name.1`, `Name.2`… in index order. */
  list(prefix: string): string[] {
    return this.indexed(prefix)
      .filter(([, rest]) => rest === '')
      .map(([, , value]) => value);
  }

  /** Structures `Name.N.*`, each as its own QueryParams, in index order. */
  members(prefix: string): QueryParams[] {
    const groups = new Map<number, Map<string, string>>();
    for (const [index, rest, value] of this.indexed(prefix)) {
      if (!rest.startsWith('.')) continue;
      const group = groups.get(index) ?? new Map<string, string>();
      groups.set(index, group);
      group.set(rest.slice(1), value);
    }
    return [...groups.entries()].sort(([a], [b]) => a - b).map(([, entries]) => new QueryParams(entries));
  }

  /** Every entry, for fingerprinting a request (ClientToken idempotency). */
  fingerprint(excluding: string[]): string {
    return JSON.stringify(
      [...this.entries.entries()]
        .filter(([k]) => !excluding.includes(k))
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  }

  private indexed(prefix: string): [number, string, string][] {
    const out: [number, string, string][] = [];
    const head = `${prefix}.`;
    for (const [key, value] of this.entries) {
      if (!key.startsWith(head)) continue;
      const match = /^(\d+)(.*)$/.exec(key.slice(head.length));
      if (!match) continue;
      const index = Number(match[1]);
      if (index < 1) throw new Ec2ApiError('InvalidParameterValue', `Invalid list index in ${key}`);
      out.push([index, match[2] ?? '', value]);
    }
    return out.sort(([a], [b]) => a - b);
  }
}
