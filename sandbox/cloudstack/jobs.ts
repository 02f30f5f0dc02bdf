// Async jobs of the CloudStack sandbox: an async command answers `{jobid}` at once and its work
// finishes later; queryAsyncJobResult reads the job: jobstatus 0 pending, 1 succeeded with its
// jobresult, 2 failed with an error body (jobresultcode 530). Jobs are kept an hour, as
// CloudStack's job table is purged.
import { randomUUID } from 'node:crypto';
import type { AsyncJob } from '../../functions/adapters/clouds/cloudstack/client/wire';
import type { CloudStackFault } from './envelope';

const KEEP_MS = 60 * 60_000;

interface JobRecord {
  job: AsyncJob;
  at: number;
}

export class Jobs {
  private readonly jobs = new Map<string, JobRecord>();

  create(cmd: string, instanceId?: string): string {
    const jobid = randomUUID();
    this.jobs.set(jobid, {
      at: Date.now(),
      job: {
        jobid,
        jobstatus: 0,
        jobresultcode: 0,
        cmd: `org.apache.cloudstack.api.command.user.${cmd}`,
        ...(instanceId ? { jobinstanceid: instanceId } : {}),
      },
    });
    this.purge();
    return jobid;
  }

  succeed(jobid: string, result: unknown): void {
    const record = this.jobs.get(jobid);
    if (record && record.job.jobstatus === 0)
      record.job = { ...record.job, jobstatus: 1, jobresulttype: 'object', jobresult: result };
  }

  fail(jobid: string, fault: CloudStackFault): void {
    const record = this.jobs.get(jobid);
    if (record && record.job.jobstatus === 0)
      record.job = {
        ...record.job,
        jobstatus: 2,
        jobresultcode: 530,
        jobresulttype: 'object',
        jobresult: fault.body,
      };
  }

  get(jobid: string): AsyncJob | undefined {
    return this.jobs.get(jobid)?.job;
  }

  private purge(): void {
    const cutoff = Date.now() - KEEP_MS;
    for (const [id, record] of this.jobs) if (record.at < cutoff) this.jobs.delete(id);
  }
}
