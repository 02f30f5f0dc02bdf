// What `drover plan -f` and `drover apply -f` both start from: the farm file read and checked,
// its names resolved to ids, the farm it describes found (by `metadata.id` when the file came
// from `drover get farm`, else by name), and the plan the API makes of it.
import type { FarmPlanView } from '../functions/contract/farm-plan';
import type { Environment, Farm, FarmSpec } from '../functions/domain/schemas';
import { listAll } from './api';
import type { Context } from './context';
import { ApiError, CliError } from './errors';
import { type FarmDocument, parseFarmDocument, type Referable, resolveFarmDocument } from './farm-document';
import { byName, type FoundFarm, getFarm, listCredentials, listRoles } from './resolve';

export interface LoadedFarm {
  doc: FarmDocument;
  env: Environment;
  /** The stored farm the file describes; undefined when it is a new one. */
  current: FoundFarm | undefined;
  /** The file as the API takes it: ids for names, farm roles keeping their stored ids. */
  spec: FarmSpec;
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

/** Farm roles the file does not give an id keep the one stored under the same alias. */
function keepFarmRoleIds(spec: FarmSpec, current: Farm): FarmSpec {
  return {
    ...spec,
    farmRoles: spec.farmRoles.map((fr) => {
      if (fr.id) return fr;
      const stored = current.farmRoles.find((s) => s.alias === fr.alias);
      return stored ? { ...fr, id: stored.id } : fr;
    }),
  };
}

async function findCurrent(ctx: Context, env: Environment, doc: FarmDocument, source: string) {
  if (doc.id) {
    try {
      return await getFarm(ctx.api, env, doc.id);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
      throw new CliError(
        `Farm ${doc.id} (the metadata.id of ${source}) not found in environment ${env.name}.`,
        {
          hints: ['Remove metadata.id from the file to create the farm anew.'],
        },
      );
    }
  }
  const listed = byName(
    await listAll(ctx.api.listFarms, { params: { environmentId: env.id } }),
    doc.spec.name,
  );
  return listed ? getFarm(ctx.api, env, listed.id) : undefined;
}

export async function loadFarmFile(ctx: Context, text: string, source: string): Promise<LoadedFarm> {
  const doc = await parseFarmDocument(text, source);
  const env = await ctx.environment();
  const current = await findCurrent(ctx, env, doc, source);
  const lookup = {
    role: once<Referable[]>(() => listRoles(ctx.api, env)),
    credentials: once<Referable[]>(() => listCredentials(ctx.api, env)),
  };
  let spec = await resolveFarmDocument(doc, lookup, source);
  if (current) spec = keepFarmRoleIds(spec, current.farm);
  return { doc, env, current, spec };
}

/** What the API plans for the file: against the stored farm, or as a new farm of the environment. */
export async function planOf(ctx: Context, loaded: LoadedFarm): Promise<FarmPlanView> {
  const { current, env, spec } = loaded;
  const reply = current
    ? await ctx.api.planFarm({ params: { farmId: current.farm.id }, body: spec })
    : await ctx.api.planNewFarm({ params: { environmentId: env.id }, body: spec });
  return reply.body;
}
