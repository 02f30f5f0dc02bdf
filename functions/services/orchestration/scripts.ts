// Use-cases of scripts. Every save is a new immutable version (rules pin one or follow the
// latest); a script that rules use cannot be deleted (409 naming the rules). Names are unique in
// an account, case-insensitively, so the CLI and `drover apply` can address a script by name; an
// account has few scripts, so the check reads them all (two saves racing for one new name could
// both pass: the portal and CLI still tell them apart by id).
import { Conflict, NotFound } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { PageQuery } from '../../domain/schemas/common';
import type { Script, ScriptInput, ScriptVersion } from '../../domain/schemas/orchestration';
import type { Clock } from '../../ports/clock';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { auditWrite } from '../audit';
import { everyItem } from '../every-page';
import { expectedVersion } from '../versions';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type ScriptsRepos = Pick<Store, 'audit' | 'orchestrationRules' | 'scripts'>;

interface Deps {
  store: ScriptsRepos;
  clock: Clock;
}

const scopeOf = (principal: Principal) => ({ accountId: principal.accountId });

export async function getScript(deps: Deps, principal: Principal, scriptId: string): Promise<Script> {
  const script = await deps.store.scripts.get(scopeOf(principal), scriptId);
  if (!script) throw new NotFound(`Script ${scriptId} not found`);
  return script;
}

export function listScripts(deps: Deps, principal: Principal, page: PageQuery) {
  return deps.store.scripts.list(scopeOf(principal), page);
}

async function refuseTakenName(deps: Deps, principal: Principal, name: string, self?: string) {
  for await (const s of everyItem((page) => deps.store.scripts.list(scopeOf(principal), page)))
    if (s.id !== self && s.name.toLowerCase() === name.toLowerCase())
      throw new Conflict(`A script named "${s.name}" already exists (${s.id})`);
}

function versionOf(script: Script, principal: Principal): ScriptVersion {
  return {
    scriptId: script.id,
    number: script.latestVersion,
    body: script.body,
    interpreterHint: script.interpreterHint,
    createdAt: script.updatedAt,
    createdBy: principal.userId,
  };
}

export async function createScript(deps: Deps, principal: Principal, input: ScriptInput): Promise<Script> {
  await refuseTakenName(deps, principal, input.name);
  const now = deps.clock.now().toISOString();
  const script: Script = {
    ...input,
    id: newId('script'),
    accountId: principal.accountId,
    latestVersion: 1,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.scripts.saveVersion(script, versionOf(script, principal), null);
  return script;
}

export async function updateScript(
  deps: Deps,
  principal: Principal,
  scriptId: string,
  input: ScriptInput,
  ifMatch: number | '*' | undefined,
): Promise<Script> {
  const current = await getScript(deps, principal, scriptId);
  const expected = expectedVersion(ifMatch, current, 'script');
  if (input.name.toLowerCase() !== current.name.toLowerCase())
    await refuseTakenName(deps, principal, input.name, scriptId);
  const script: Script = {
    ...current,
    ...input,
    latestVersion: current.latestVersion + 1,
    version: expected + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.scripts.saveVersion(script, versionOf(script, principal), expected);
  auditWrite({ before: current, after: script });
  return script;
}

export async function deleteScript(
  deps: Deps,
  principal: Principal,
  scriptId: string,
  ifMatch: number | '*' | undefined,
): Promise<void> {
  const current = await getScript(deps, principal, scriptId);
  const expected = expectedVersion(ifMatch, current, 'script');
  const users = (await deps.store.orchestrationRules.listAll(scopeOf(principal))).filter(
    (r) => r.scriptId === scriptId,
  );
  if (users.length > 0)
    throw new Conflict(
      `Script "${current.name}" is used by ${users.length === 1 ? 'rule' : 'rules'} ${users
        .map((r) => r.id)
        .join(', ')}: delete or change ${users.length === 1 ? 'it' : 'them'} first`,
    );
  await deps.store.scripts.delete(scopeOf(principal), scriptId, expected);
  auditWrite({ before: current, after: null });
}

export async function listScriptVersions(
  deps: Deps,
  principal: Principal,
  scriptId: string,
  page: PageQuery,
) {
  await getScript(deps, principal, scriptId);
  return deps.store.scripts.listVersions(scopeOf(principal), scriptId, page);
}

export async function getScriptVersion(deps: Deps, principal: Principal, scriptId: string, n: number) {
  const version = await deps.store.scripts.getVersion(scopeOf(principal), scriptId, n);
  if (!version) throw new NotFound(`Script ${scriptId} has no version ${n}`);
  return version;
}
