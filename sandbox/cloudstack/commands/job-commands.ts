// createTags (an async job in CloudStack, as every change is) and queryAsyncJobResult.
import { badParameter, noSuchEntity, ok } from '../envelope';
import type { VmRecord } from '../vm-record';
import { type Command, indexedMaps, required } from './command';

const createTags: Command = (ctx) => {
  const type = required(ctx, 'resourcetype');
  if (type.toLowerCase() !== 'uservm')
    throw badParameter(`The sandbox tags UserVm resources only, not ${type}`);
  const tags = indexedMaps(ctx.params, 'tags').map((t) => ({ key: t.key ?? '', value: t.value ?? '' }));
  if (tags.length === 0 || tags.some((t) => !t.key)) throw badParameter('tags must name a key and a value');
  const vms: VmRecord[] = required(ctx, 'resourceids')
    .split(',')
    .map((id) => {
      const vm = ctx.state.vm(id);
      if (!vm || vm.state === 'Expunging') throw noSuchEntity('resourceids', id);
      return vm;
    });
  return ok('createTags', { jobid: ctx.state.tag(vms, tags) });
};

const queryAsyncJobResult: Command = (ctx) => {
  const jobid = required(ctx, 'jobid');
  const job = ctx.state.jobs.get(jobid);
  if (!job) throw noSuchEntity('jobid', jobid);
  return ok('queryAsyncJobResult', job);
};

export const jobCommands: Record<string, Command> = {
  createtags: createTags,
  queryasyncjobresult: queryAsyncJobResult,
};
