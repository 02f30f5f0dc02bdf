// A Store on the real dynalite table whose DynamoDB requests are counted, and a SecretBox whose
// opens are counted: what a reconcile pass costs, measured on the real adapters rather than
// guessed (the fleet benchmark prices these counts; the quiet-pass test asserts zero writes).
// Capacity is DynamoDB's own figure (ReturnConsumedCapacity TOTAL, which dynalite computes as
// DynamoDB does: a strongly consistent read is 1 RRU per 4 KB, an eventually consistent one half).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoStore } from '../../functions/adapters/dynamodb/dynamo-store';
import type { SecretBox } from '../../functions/ports/secret-box';
import type { Store } from '../../functions/ports/store';

const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

export class DynamoCounts {
  /** Requests by command name (GetItemCommand, QueryCommand…). */
  requests: Record<string, number> = {};
  readUnits = 0;
  writeUnits = 0;
  /** The partition key of every item written, in order. */
  written: string[] = [];

  /** Writes to partitions whose key includes `part` (e.g. a farm's \`#FARM#<id>\`). */
  writesTo(part: string): number {
    return this.written.filter((pk) => pk.includes(part)).length;
  }

  get reads(): number {
    return Object.entries(this.requests).reduce((n, [name, c]) => n + (WRITES.has(name) ? 0 : c), 0);
  }

  get writes(): number {
    return Object.entries(this.requests).reduce((n, [name, c]) => n + (WRITES.has(name) ? c : 0), 0);
  }

  reset(): void {
    this.requests = {};
    this.readUnits = 0;
    this.writeUnits = 0;
    this.written = [];
  }

  describe(): string {
    const byName = Object.entries(this.requests)
      .map(([name, c]) => `${name.replace(/Command$/, '')} ${c}`)
      .join(', ');
    return `${this.reads + this.writes} requests (${byName || 'none'}); ${this.readUnits} RRU, ${this.writeUnits} WRU`;
  }
}

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/** A key as the document client has it, or as marshalled. */
type KeyValue = string | { S?: string };

interface WriteInput {
  Item?: { pk?: KeyValue };
  Key?: { pk?: KeyValue };
  RequestItems?: Record<string, { PutRequest?: WriteInput; DeleteRequest?: WriteInput }[]>;
  TransactItems?: {
    Put?: WriteInput;
    Update?: WriteInput;
    Delete?: WriteInput;
    ConditionCheck?: WriteInput;
  }[];
}

/** The partition keys a write request writes (its marshalled input). */
function writtenPartitions(input: WriteInput): string[] {
  const text = (k: KeyValue | undefined) => (typeof k === 'string' ? k : k?.S);
  const pk = (w: WriteInput | undefined) => text(w?.Item?.pk) ?? text(w?.Key?.pk);
  const batch = Object.values(input.RequestItems ?? {}).flatMap((rs) =>
    rs.map((r) => pk(r.PutRequest) ?? pk(r.DeleteRequest)),
  );
  const transact = (input.TransactItems ?? []).map((t) => pk(t.Put) ?? pk(t.Update) ?? pk(t.Delete));
  return [pk(input), ...batch, ...transact].filter((k): k is string => k !== undefined);
}

/** A Store on `endpoint`'s table whose every request adds to `counts`. */
export function countedStore(endpoint: string, tableName: string, counts = new DynamoCounts()) {
  const { db, destroy } = countedDocumentClient(endpoint, counts);
  const store: Store = createDynamoStore(db, tableName);
  return { store, counts, destroy };
}

/** A document client on `endpoint` whose every request adds to `counts` (for adapters outside the Store). */
export function countedDocumentClient(endpoint: string, counts: DynamoCounts) {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      counts.requests[name] = (counts.requests[name] ?? 0) + 1;
      if (WRITES.has(name)) counts.written.push(...writtenPartitions(args.input as WriteInput));
      const consumed = (out.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
      for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        const units = c.CapacityUnits ?? 0;
        if (WRITES.has(name)) counts.writeUnits += c.WriteCapacityUnits ?? units;
        else counts.readUnits += c.ReadCapacityUnits ?? units;
      }
      return out;
    },
    { step: 'initialize', name: 'droverCountRequests' },
  );
  const db = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return { db, destroy: () => client.destroy() };
}

/** A SecretBox that counts its opens (KMS Decrypt in AWS). */
export function countedSecrets(inner: SecretBox): SecretBox & { opens: number } {
  const counted = {
    opens: 0,
    seal: (plaintext: string, context: Record<string, string>) => inner.seal(plaintext, context),
    open: (sealed: string, context: Record<string, string>) => {
      counted.opens++;
      return inner.open(sealed, context);
    },
  };
  return counted;
}
