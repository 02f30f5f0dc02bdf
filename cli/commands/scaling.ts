// `drover scaling simulate -f farm.yaml --metrics trace.json`: replays a recorded metric trace
// through a farm role's scaling rules (decideScale, step by step, with servers that boot and
// warm up) and prints what scaling would have done and why. Pure: reads two files, calls no
// API. The table has one row per step; `-o json|yaml` prints the decision records themselves.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { simulateScaling } from '../../functions/domain/scaling/simulate-scaling';
import { Scaling } from '../../functions/domain/schemas/scaling';
import type { ScaleDecision } from '../../functions/domain/schemas/scaling-decision';
import { ScalingTrace } from '../../functions/domain/schemas/scaling-trace';
import { contextOf } from '../context';
import { CliError, invalidInput, usageError } from '../errors';
import { parseFarmDocument, zodIssues } from '../farm-document';
import { type Column, type Io, notice, printData, renderTable } from '../output';

interface SimulateOptions {
  filename: string;
  metrics: string;
  farmRole?: string;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
}

async function readTrace(file: string): Promise<ScalingTrace> {
  const { parse } = await import('yaml');
  let data: unknown;
  try {
    data = parse(readText(file));
  } catch (error) {
    throw invalidInput(`${file} is not valid JSON or YAML: ${(error as Error).message.split('\n')[0]}`, []);
  }
  const trace = ScalingTrace.safeParse(data);
  if (!trace.success) throw invalidInput(`${file} is not a valid metric trace`, zodIssues(trace.error));
  return trace.data;
}

type RawRole = Record<string, unknown> & { alias?: unknown };

/** The farm role named by --farm-role, or the only one with scaling rules. */
function pickRole(farmRoles: RawRole[], alias: string | undefined, file: string): RawRole {
  if (alias) {
    const found = farmRoles.find((fr) => fr.alias === alias);
    if (!found)
      throw usageError(`${file} has no farm role "${alias}".`, [
        `Its farm roles: ${farmRoles.map((fr) => String(fr.alias)).join(', ') || 'none'}.`,
      ]);
    return found;
  }
  const scaled = farmRoles.filter((fr) => fr.scaling !== undefined);
  if (scaled.length === 1) return scaled[0]!;
  throw usageError(
    scaled.length ? `${file} has several farm roles with scaling.` : `${file} has no farm role with scaling.`,
    scaled.length ? [`Pick one with --farm-role: ${scaled.map((fr) => String(fr.alias)).join(', ')}.`] : [],
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? String(n) : '');
const shortNumber = (v: number) => String(Number(v.toFixed(2)));

function whyOf(d: ScaleDecision): string {
  const reasons = [...(d.healing ? ['healing'] : []), ...d.limitedBy];
  return reasons.join(', ');
}

function columnsFor(rules: string[]): Column<ScaleDecision>[] {
  return [
    { header: 'time', value: (d) => d.at.slice(0, 16).replace('T', ' ') },
    ...rules.map((rule, i) => ({
      header: rule,
      value: (d: ScaleDecision) => {
        const v = d.rules[i]!;
        return v.value === null ? '-' : `${shortNumber(v.value)}${v.vote === 'hold' ? '' : ` ${v.vote}`}`;
      },
    })),
    {
      header: 'servers',
      value: (d) => (d.ready === d.current ? String(d.current) : `${d.current} (${d.ready} ready)`),
    },
    {
      header: 'bounds',
      value: (d) => `${d.bounds.min}-${d.bounds.max}${d.bounds.schedule ? ` ${d.bounds.schedule}` : ''}`,
    },
    { header: 'desired', value: (d) => String(d.desired) },
    {
      header: 'action',
      value: (d) => signed(d.desired - d.current),
      paint: (text, p) => (text.startsWith('+') ? p.green(text) : text.startsWith('-') ? p.red(text) : text),
    },
    { header: 'why', value: whyOf },
  ];
}

function summary(decisions: ScaleDecision[]): string {
  const outs = decisions.filter((d) => d.direction === 'out');
  const ins = decisions.filter((d) => d.direction === 'in');
  const counts = decisions.map((d) => d.desired);
  const total = (list: ScaleDecision[]) => list.reduce((n, d) => n + Math.abs(d.desired - d.current), 0);
  return `Replayed ${decisions.length} steps: ${outs.length} scale-outs (+${total(outs)}), ${ins.length} scale-ins (-${total(ins)}); ${Math.min(...counts)} to ${Math.max(...counts)} servers.`;
}

async function simulate(opts: SimulateOptions, cmd: Command, io: Io): Promise<void> {
  const ctx = contextOf(cmd, io);
  const doc = await parseFarmDocument(readText(opts.filename), opts.filename);
  const raw = pickRole(doc.spec.farmRoles as RawRole[], opts.farmRole, opts.filename);
  const trace = await readTrace(opts.metrics);
  // The file passed the API's own FarmSpec check, so these parse; defaults come from the schema.
  const scaling = Scaling.parse(raw.scaling ?? { enabled: false });
  const role = {
    minInstances: raw.minInstances as number,
    maxInstances: raw.maxInstances as number,
    scaleInOrder: (raw.scaleInOrder as 'newest-first' | 'oldest-first' | undefined) ?? 'newest-first',
    scaling,
  };
  const decisions = simulateScaling(role, trace);
  await printData(io, ctx.format, decisions, (p) =>
    renderTable(columnsFor(scaling.rules.map((r) => r.name)), decisions, p),
  );
  notice(io, summary(decisions));
}

export function registerScaling(program: Command, io: Io): void {
  const scaling = program.command('scaling').description('Scaling rules: try them on recorded metrics');
  scaling
    .command('simulate')
    .description(
      "Replay a recorded metric trace through a farm role's scaling rules, step by step, and print what would have happened and why (no API call)",
    )
    .requiredOption('-f, --filename <file>', 'a Farm file (YAML or JSON), as `drover apply` reads')
    .requiredOption('--metrics <file>', 'the metric trace (JSON or YAML; README "Scaling")')
    .option('--farm-role <alias>', 'the farm role to simulate (default: the only one with scaling)')
    .action((opts: SimulateOptions, cmd: Command) => simulate(opts, cmd, io));
}
