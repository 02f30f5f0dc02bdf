// The server records of one pass, as the applier writes them: each write is conditional on the
// version the planner read (a lost race throws PreconditionFailed and stops the pass), and the
// pass keeps the written record so a later step of the same action writes on top of it.
import { NotFound } from '../../domain/errors';
import type { Server, ServerStatus } from '../../domain/schemas/server';
import type { Store } from '../../ports/store';

export class PassRecords {
  private readonly byId: Map<string, Server>;

  constructor(
    private readonly store: { servers: Pick<Store['servers'], 'create' | 'update'> },
    servers: readonly Server[],
    private readonly now: Date,
  ) {
    this.byId = new Map(servers.map((s) => [s.id, s]));
  }

  get(serverId: string): Server | undefined {
    return this.byId.get(serverId);
  }

  all(): Iterable<Server> {
    return this.byId.values();
  }

  async create(server: Server): Promise<void> {
    await this.store.servers.create(server);
    this.byId.set(server.id, server);
  }

  /** Writes a server's new status (null: keep it) and fields, conditional on `expectedVersion`. */
  async write(
    serverId: string,
    expectedVersion: number,
    status: ServerStatus | null,
    reason: string,
    fields: Partial<Server>,
  ): Promise<Server> {
    const current = this.byId.get(serverId);
    if (!current) throw new NotFound(`server ${serverId} is not in this pass`);
    const now = this.now.toISOString();
    const next: Server = {
      ...current,
      ...fields,
      ...(status ? { status, timestamps: { ...current.timestamps, [status]: now } } : {}),
      statusReason: reason,
      version: expectedVersion + 1,
      updatedAt: now,
    };
    await this.store.servers.update(next, expectedVersion);
    this.byId.set(serverId, next);
    return next;
  }
}
