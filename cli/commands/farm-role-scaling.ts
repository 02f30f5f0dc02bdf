// `drover get farm-role ALIAS --farm FARM --scaling`: a farm role's current scaling decision and
// why (each rule's value, samples, proposal, breaches and vote; the bounds and what limited the
// desired count), from GET …/farm-roles/{alias}/scaling. -o json|yaml prints the API's answer.
import { decisionReason } from '../../functions/domain/scaling/decision-reason';
import type { RuleVerdict } from '../../functions/domain/schemas/scaling-decision';
import type { FarmRoleScaling } from '../../functions/domain/schemas/scaling-state';
import type { Context } from '../context';
import { usageError } from '../errors';
import { type Column, printData, renderTable } from '../output';
import { getFarm } from '../resolve';

const ruleColumns: Column<RuleVerdict>[] = [
  { header: 'rule', value: (r) => r.rule },
  { header: 'value', value: (r) => (r.value === null ? '-' : String(Math.round(r.value * 100) / 100)) },
  { header: 'samples', value: (r) => String(r.samples) },
  { header: 'proposal', value: (r) => (r.proposal === null ? '-' : String(r.proposal)) },
  { header: 'breaches out/in', value: (r) => `${r.breaches.out}/${r.breaches.in}` },
  { header: 'vote', value: (r) => (r.abstained ? 'abstained' : r.vote) },
];

function describe(s: FarmRoleScaling, farmName: string, table: (rows: RuleVerdict[]) => string): string {
  const d = s.current;
  if (!d)
    return `${s.alias} (${farmName}): ${s.enabled ? 'not evaluated yet' : 'no scaling rules or schedules'}\n`;
  const bounds = `${d.bounds.min}..${d.bounds.max} (${d.bounds.schedule ? `schedule ${d.bounds.schedule}` : 'farm role'})`;
  const lines = [
    `${s.alias} (${farmName}): ${d.current} servers (${d.ready} ready) → desired ${d.desired} (${d.direction}), bounds ${bounds}`,
    `why: ${decisionReason(d)}`,
    `decided at ${d.at}; ${s.changes.length} recent change(s) of the desired count`,
    '',
    table(d.rules),
  ];
  return `${lines.join('\n')}`;
}

export async function getFarmRoleScaling(
  ctx: Context,
  alias: string,
  farmRef: string | undefined,
): Promise<void> {
  if (!farmRef) throw usageError('`drover get farm-role NAME --scaling` needs --farm <name|id>.');
  const { farm } = await getFarm(ctx.api, await ctx.environment(), farmRef);
  const scaling = (await ctx.api.getFarmRoleScaling({ params: { farmId: farm.id, alias } })).body;
  await printData(ctx.io, ctx.format, scaling, (p) =>
    describe(scaling, farm.name, (rows) => renderTable(ruleColumns, rows, p)),
  );
}
