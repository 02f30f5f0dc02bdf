// A farm plan for a person, in the manner of `terraform plan`: the summary line first
// ("2 to launch, 2 to replace, 1 to terminate."), then per farm role what changes in its spec
// and what the reconciler does about it, then what would stop it (policies, variables).
// `drover plan` prints it on stdout (it is the command's data); `drover apply` on stderr.
import type { FarmPlanView, FarmRolePlan, PlanFieldChange } from '../functions/contract/farm-plan';
import type { Violation } from '../functions/domain/schemas/policy';
import { renderChanges } from './diff';
import type { Palette } from './output';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function planSummary(plan: FarmPlanView): string {
  const { launch, replace, terminate } = plan.summary;
  const counts = `${launch} to launch, ${replace} to replace, ${terminate} to terminate`;
  return plan.basis === 'on-launch' ? `${counts} when the farm is launched.` : `${counts}.`;
}

function heading(plan: FarmPlanView, name: string, p: Palette): string {
  if (plan.farmId === null)
    return `Plan for new farm ${p.bold(name)} (created Terminated; launching it would do this):`;
  const where = `farm ${p.bold(name)} (${plan.farmId}) at version ${plan.farmVersion}, ${plan.farmStatus}`;
  return plan.basis === 'on-launch'
    ? `Plan for ${where}: saving changes no server; launching it would do this:`
    : `Plan for ${where}:`;
}

export function renderPlan(plan: FarmPlanView, name: string, p: Palette): string {
  const lines = [heading(plan, name, p), planSummary(plan)];
  if (plan.summary.blocked)
    lines.push(p.red("Blocked: the environment's policies refuse this spec; saving it answers 422."));
  if (plan.fieldChanges.length)
    lines.push('', `  farm ${name}`, indent(changesText(plan.fieldChanges, p), 2));
  for (const v of plan.violations) lines.push(p.red(`    ! ${violationText(v)}`));
  for (const role of plan.farmRoles) lines.push('', ...farmRoleLines(role, p));
  return `${lines
    .filter((l) => l !== undefined)
    .join('\n')
    .replace(/\n+$/, '')}\n`;
}

function farmRoleLines(role: FarmRolePlan, p: Palette): string[] {
  const mark = { added: p.green('+'), removed: p.red('-'), changed: p.yellow('~'), unchanged: ' ' }[
    role.change
  ];
  const scale =
    role.scale.from === role.scale.to
      ? `${role.scale.to} servers`
      : `${role.scale.from} → ${role.scale.to} servers`;
  const lines = [`${mark} farm role ${p.bold(role.alias)} (${role.change}, ${scale})`];
  if (role.fieldChanges.length) lines.push(indent(changesText(role.fieldChanges, p), 2).replace(/\n$/, ''));
  const name = (index: number | null) =>
    index === null ? 'an untracked instance' : `${role.alias}-${index}`;
  for (const l of role.launches)
    lines.push(p.green(`    + launch ${name(l.index)} in ${l.zone} (${l.instanceType}): ${l.reason}`));
  for (const r of role.replacements) {
    const next = r.replacement
      ? ` → ${name(r.replacement.index)} in ${r.replacement.zone} (${r.replacement.instanceType})`
      : '';
    lines.push(p.yellow(`    ± replace ${name(r.index)} ${r.serverId} (${r.kind}: ${r.reason})${next}`));
  }
  for (const t of role.terminates)
    lines.push(p.red(`    - terminate ${name(t.index)}${t.serverId ? ` ${t.serverId}` : ''} (${t.reason})`));
  if (role.outdatedServers.length) {
    const fields = [...new Set(role.outdatedServers.flatMap((s) => s.fields))].join(', ');
    lines.push(
      `    ${p.dim(`= ${plural(role.outdatedServers.length, 'server')} keep the launch configuration they started with (${fields}): ${role.outdatedServers.map((s) => name(s.index)).join(', ')}; new servers use the new one`)}`,
    );
  }
  for (const v of role.violations) lines.push(p.red(`    ! ${violationText(v)}`));
  for (const m of role.missingVariables)
    lines.push(
      p.red(
        `    ! variable ${m.name} is required (declared at ${m.declaredAt}) and has no value: launches wait for it`,
      ),
    );
  for (const b of role.launchBlockers.filter((b) => !role.missingVariables.some((m) => b.includes(m.name))))
    lines.push(p.red(`    ! launches held: ${b}`));
  if (lines.length === 1) lines.push(p.dim('    no server changes'));
  return lines;
}

function violationText(v: Violation): string {
  return `policy "${v.policyName}" (${v.rule}): ${v.path}: ${v.message}`;
}

function changesText(changes: PlanFieldChange[], p: Palette): string {
  return renderChanges(
    changes.map((c) => ({ path: c.path, kind: c.kind, before: c.before, after: c.after })),
    p,
  );
}

function indent(text: string, spaces: number): string {
  return text.replace(/^/gm, ' '.repeat(spaces)).replace(/ +$/, '');
}
