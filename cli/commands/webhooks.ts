// `drover webhooks …`: endpoints (list, create — the signing secret is printed once —,
// rotate-secret, delete), webhooks (list, create), delivery history with attempts, a test event,
// and redelivery. Endpoints are named by id or URL, webhooks by name or id.
import { type Command, InvalidArgumentError } from 'commander';
import type {
  Delivery,
  Webhook,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '../../functions/domain/schemas/webhook';
import { listAll } from '../api';
import { type Context, contextOf } from '../context';
import { parseDuration } from '../duration';
import { CliError, usageError } from '../errors';
import { type Io, notice, printData, printList, renderTable } from '../output';
import { byName, isIdOf } from '../resolve';
import { attemptColumns, deliveryColumns, endpointColumns, webhookColumns } from './webhook-columns';

const notFound = (what: string, ref: string, hint: string) =>
  new CliError(`${what} "${ref}" not found.`, {
    hints: [hint],
    problem: {
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      code: 'NotFound',
      detail: `${what} "${ref}" not found`,
    },
  });

/** The current environment as the path parameter every webhook route takes. */
async function envParams(ctx: Context): Promise<{ environmentId: string }> {
  return { environmentId: (await ctx.environment()).id };
}

async function findEndpoint(ctx: Context, ref: string): Promise<WebhookEndpoint> {
  const all = await listAll(ctx.api.listWebhookEndpoints, { params: await envParams(ctx) });
  const found = isIdOf('webhookEndpoint', ref)
    ? all.find((e) => e.id === ref)
    : all.find((e) => e.url === ref);
  if (!found) throw notFound('Webhook endpoint', ref, 'See the endpoints with `drover webhooks endpoints`.');
  return found;
}

async function findWebhook(ctx: Context, ref: string): Promise<Webhook> {
  const all = await listAll(ctx.api.listWebhooks, { params: await envParams(ctx) });
  const found = isIdOf('webhook', ref) ? all.find((w) => w.id === ref) : byName(all, ref);
  if (!found) throw notFound('Webhook', ref, 'See the webhooks with `drover webhooks list`.');
  return found;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function parseHeader(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('expected NAME=VALUE');
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

/** Prints an endpoint with its secret (create, rotate-secret): the one time it is shown. */
async function printRevealed(ctx: Context, endpoint: WebhookEndpointWithSecret, verb: string) {
  await printData(ctx.io, ctx.format, endpoint, (p) =>
    renderTable(
      [
        { header: 'id', value: (e: WebhookEndpointWithSecret) => e.id },
        { header: 'url', value: (e) => e.url },
        { header: 'signing secret', value: (e) => e.signingSecret, paint: (t) => p.bold(t) },
      ],
      [endpoint],
      p,
    ),
  );
  notice(ctx.io, `Endpoint ${verb}. Store the signing secret now: Drover does not show it again.`);
}

export function registerWebhooks(program: Command, io: Io): void {
  const webhooks = program
    .command('webhooks')
    .description('Webhook endpoints, webhooks and their delivery history');
  const endpoints = webhooks
    .command('endpoints')
    .description("List the environment's webhook endpoints (and create, rotate-secret, delete)")
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const items = await listAll(ctx.api.listWebhookEndpoints, { params: await envParams(ctx) });
      await printList(io, ctx.format, items, endpointColumns, 'The environment has no webhook endpoints.');
    });
  registerEndpointCreate(endpoints, io);
  registerEndpointRotate(endpoints, io);
  registerEndpointDelete(endpoints, io);
  webhooks
    .command('list')
    .alias('ls')
    .description("List the environment's webhooks")
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const items = await listAll(ctx.api.listWebhooks, { params: await envParams(ctx) });
      await printList(io, ctx.format, items, webhookColumns, 'The environment has no webhooks.');
    });
  registerWebhookCreate(webhooks, io);
  registerHistory(webhooks, io);
  registerTest(webhooks, io);
  registerRedeliver(webhooks, io);
}

function registerEndpointCreate(endpoints: Command, io: Io): void {
  endpoints
    .command('create')
    .argument('<url>', 'where to POST (https in hosted deployments)')
    .description('Add an endpoint; prints its signing secret, once')
    .option('--description <text>', 'what it is for')
    .option('--header <name=value>', 'a custom header (repeatable)', parseHeader)
    .option('--timeout <seconds>', 'seconds to wait for an answer (1-10)', parseCount)
    .option('--disabled', 'create it disabled')
    .action(async (url: string, opts: EndpointCreateOptions, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const body = {
        url,
        ...(opts.description ? { description: opts.description } : {}),
        ...(opts.header ? { headers: opts.header } : {}),
        ...(opts.timeout !== undefined ? { timeoutSeconds: opts.timeout } : {}),
        ...(opts.disabled ? { enabled: false } : {}),
      };
      const created = await ctx.api.createWebhookEndpoint({ params: await envParams(ctx), body });
      await printRevealed(ctx, created.body, 'created');
    });
}

interface EndpointCreateOptions {
  description?: string;
  header?: Record<string, string>;
  timeout?: number;
  disabled?: boolean;
}

function registerEndpointRotate(endpoints: Command, io: Io): void {
  endpoints
    .command('rotate-secret')
    .argument('<endpoint>', 'endpoint id or URL')
    .description('A new signing secret, printed once; the old one keeps signing during the overlap')
    .option(
      '--overlap <duration>',
      'how long the old secret still signs (0 for not at all)',
      parseDuration,
      86_400_000,
    )
    .action(async (ref: string, opts: { overlap: number }, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const endpoint = await findEndpoint(ctx, ref);
      const rotated = await ctx.api.rotateWebhookEndpointSecret({
        params: { ...(await envParams(ctx)), endpointId: endpoint.id },
        body: { overlapSeconds: Math.round(opts.overlap / 1000) },
      });
      await printRevealed(ctx, rotated.body, 'secret rotated');
    });
}

function registerEndpointDelete(endpoints: Command, io: Io): void {
  endpoints
    .command('delete')
    .argument('<endpoint>', 'endpoint id or URL')
    .description('Delete an endpoint no webhook uses')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const endpoint = await findEndpoint(ctx, ref);
      await ctx.api.deleteWebhookEndpoint({
        params: { ...(await envParams(ctx)), endpointId: endpoint.id },
        ifMatch: endpoint.version,
      });
      notice(io, `Endpoint ${endpoint.url} deleted.`);
    });
}

interface WebhookCreateOptions {
  endpoint: string[];
  event: string[];
  farm?: string[];
  maxAttempts?: number;
}

function registerWebhookCreate(webhooks: Command, io: Io): void {
  webhooks
    .command('create')
    .argument('<name>', 'a name for the webhook')
    .description('Send events to endpoints')
    .requiredOption('--endpoint <endpoint>', 'endpoint id or URL (repeatable)', collect)
    .requiredOption('--event <name>', 'event name, or * for all (repeatable)', collect)
    .option('--farm <farm>', 'only events of this farm, by name or id (repeatable)', collect)
    .option('--max-attempts <n>', 'attempts per delivery (1-10)', parseCount)
    .action(async (name: string, opts: WebhookCreateOptions, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const params = await envParams(ctx);
      const endpointIds = [];
      for (const ref of opts.endpoint) endpointIds.push((await findEndpoint(ctx, ref)).id);
      const farmIds = [];
      if (opts.farm) {
        const farms = await listAll(ctx.api.listFarms, { params });
        for (const ref of opts.farm) {
          const farm = isIdOf('farm', ref) ? farms.find((f) => f.id === ref) : byName(farms, ref);
          if (!farm) throw notFound('Farm', ref, 'See the farms with `drover get farms`.');
          farmIds.push(farm.id);
        }
      }
      const body = {
        name,
        endpointIds,
        events: opts.event,
        farmIds,
        ...(opts.maxAttempts !== undefined ? { maxAttempts: opts.maxAttempts } : {}),
      };
      const created = await ctx.api.createWebhook({ params, body });
      await printData(io, ctx.format, created.body, (p) => renderTable(webhookColumns, [created.body], p));
    });
}

function registerHistory(webhooks: Command, io: Io): void {
  webhooks
    .command('history')
    .argument('<webhook>', 'webhook name or id')
    .description("A webhook's deliveries, newest first")
    .option('--limit <n>', 'at most this many deliveries', parseCount, 50)
    .option('--attempts', 'one row per attempt')
    .action(async (ref: string, opts: { limit: number; attempts?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const webhook = await findWebhook(ctx, ref);
      const params = { ...(await envParams(ctx)), webhookId: webhook.id };
      // Not listAll: --limit stops after that many, not at the last page.
      const items: Delivery[] = [];
      let cursor: string | undefined;
      do {
        const query = { limit: Math.min(200, opts.limit - items.length), ...(cursor ? { cursor } : {}) };
        const page = (await ctx.api.listWebhookDeliveries({ params, query })).body;
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && items.length < opts.limit);
      const empty = `Webhook ${webhook.name} has no deliveries yet.`;
      if (!opts.attempts || ctx.format !== 'table')
        return printList(io, ctx.format, items, deliveryColumns, empty);
      const rows = items.flatMap((d) => d.attempts.map((a) => ({ ...a, deliveryId: d.id })));
      return printList(io, ctx.format, rows, attemptColumns, empty);
    });
}

function registerTest(webhooks: Command, io: Io): void {
  webhooks
    .command('test')
    .argument('<endpoint>', 'endpoint id or URL')
    .description('Send a WebhookTest event to an endpoint now; exit 1 unless it answers 2xx')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const endpoint = await findEndpoint(ctx, ref);
      const params = { ...(await envParams(ctx)), endpointId: endpoint.id };
      const delivery = (await ctx.api.testWebhookEndpoint({ params })).body;
      const attempt = delivery.attempts.at(-1);
      if (delivery.status !== 'succeeded') {
        const why = attempt?.httpStatus ? `HTTP ${attempt.httpStatus}` : (attempt?.error ?? delivery.status);
        throw new CliError(`The test event to ${endpoint.url} was not delivered: ${why}.`, {
          hints: [`See the attempt: drover webhooks history, or GET …/deliveries/${delivery.id}.`],
        });
      }
      await printData(io, ctx.format, delivery, (p) =>
        renderTable(
          attemptColumns,
          delivery.attempts.map((a) => ({ ...a, deliveryId: delivery.id })),
          p,
        ),
      );
    });
}

function registerRedeliver(webhooks: Command, io: Io): void {
  webhooks
    .command('redeliver')
    .argument('<delivery>', 'delivery id (dlv-…)')
    .description('Deliver a finished delivery again, with the same delivery id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      if (!isIdOf('delivery', id)) throw usageError(`"${id}" is not a delivery id (dlv-…).`);
      const params = { ...(await envParams(ctx)), deliveryId: id };
      const delivery = (await ctx.api.redeliverWebhookDelivery({ params })).body;
      notice(io, `Delivery ${id} queued again (${delivery.event.name}).`);
      if (ctx.format !== 'table') await printData(io, ctx.format, delivery, () => '');
    });
}
