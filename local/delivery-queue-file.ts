// Where the local webhook queue keeps its waiting work between starts of `npm start`: a JSON
// file under the data dir (DROVER_DATA_DIR, default .drover). In AWS the SQS queue holds a
// delayed retry however long it waits; locally the queue is a set of timers, which a restart
// would forget, leaving deliveries `retrying` for ever. Written whole (temp file + rename) at
// each change, so a crash leaves the old list or the new one, never half of one.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { DeliveryMessage } from '../functions/ports/delivery-queue';

/** One piece of queued work: its message, when it is due, how often it was received already. */
export interface QueuedWork {
  id: string;
  message: DeliveryMessage;
  dueAt: number;
  receives: number;
  correlationId?: string;
}

const QueuedWorkList = z.array(
  z.object({
    id: z.string().min(1),
    // The message is our own, written by this process: checked for its kind only.
    message: z.looseObject({ kind: z.enum(['event', 'attempt']) }),
    dueAt: z.number(),
    receives: z.number().int().min(0),
    correlationId: z.string().optional(),
  }),
);

export class DeliveryQueueFile {
  constructor(private readonly path: string) {}

  /** The work saved by the last run; none when the file is missing or unreadable. */
  load(): QueuedWork[] {
    if (!existsSync(this.path)) return [];
    try {
      return QueuedWorkList.parse(JSON.parse(readFileSync(this.path, 'utf8'))) as QueuedWork[];
    } catch {
      return [];
    }
  }

  save(work: QueuedWork[]): void {
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(work));
    renameSync(temporary, this.path);
  }
}
