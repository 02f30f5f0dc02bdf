// `drover webhooks …` with the real CLI process against the local runtime and a real receiver:
// endpoints (the secret printed once), webhooks, history with attempts, test and redeliver, and
// the exit codes of a failed test event and a malformed id. No terminal, so no colour.
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { startTestRuntime } from '../support/local-runtime';
import { type Receiver, startReceiver } from '../support/webhook-receiver';
import { type CliHome, cliHome } from './cli-process';

let rt: LocalRuntime;
let home: CliHome;
let env: Record<string, string>;
let receiver: Receiver;

beforeAll(async () => {
  rt = await startTestRuntime({ webhooks: { retry: { baseDelayMs: 20, maxDelayMs: 50 } } });
  env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token };
  home = cliHome();
  receiver = await startReceiver(() => ({ status: 204 }));
});
afterAll(async () => {
  await rt?.stop();
  await receiver?.close();
});

const drover = (...args: string[]) => home.run(args, { env });

describe('drover webhooks', () => {
  let secret: string;
  let endpointId: string;

  it('lists no endpoints with a notice on stderr and nothing on stdout', async () => {
    const res = await drover('webhooks', 'endpoints');
    expect(res).toMatchObject({ code: 0, stdout: '' });
    expect(res.stderr).toContain('no webhook endpoints');
  });

  it('creates an endpoint and prints its signing secret once', async () => {
    const res = await drover(
      'webhooks',
      'endpoints',
      'create',
      receiver.url,
      '--header',
      'X-Team=ops',
      '-o',
      'json',
    );
    expect(res.code).toBe(0);
    const created = JSON.parse(res.stdout);
    // Header values are write-only: the answer names the header and masks its value.
    expect(created).toMatchObject({ url: receiver.url, headers: { 'X-Team': '******' } });
    expect(created.signingSecret).toMatch(/^whsec_/);
    expect(res.stderr).toContain('Store the signing secret now');
    secret = created.signingSecret;
    endpointId = created.id;

    const listed = await drover('webhooks', 'endpoints');
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(/^URL\s+ENABLED\s+TIMEOUT\s+SECRET\s+ID$/);
    expect(listed.stdout).toContain(receiver.url);
    expect(listed.stdout).toContain(`…${secret.slice(-4)}`);
    expect(listed.stdout).not.toContain(secret);
  });

  it('creates a webhook naming the endpoint by URL and lists it', async () => {
    const res = await drover(
      'webhooks',
      'create',
      'deploys',
      '--endpoint',
      receiver.url,
      '--event',
      'CliThing',
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/deploys\s+yes\s+CliThing\s+1\s+6\s+wh-/);
    const listed = JSON.parse((await drover('webhooks', 'list', '-o', 'json')).stdout);
    expect(listed).toEqual([expect.objectContaining({ name: 'deploys', endpointIds: [endpointId] })]);
  });

  it('shows the history of a webhook, and each attempt with --attempts', async () => {
    receiver.respond = (r) => ({ status: r.n === 1 ? 503 : 204 });
    await rt.bus.publish([
      {
        id: ulid(),
        name: 'CliThing',
        accountId: rt.demo.accountId,
        environmentId: rt.demo.environmentId,
        actor: 'system',
        message: '',
        payload: {},
        at: new Date().toISOString(),
      },
    ]);
    await receiver.waitFor(2);
    await rt.webhooks.queue.idle();
    const res = await drover('webhooks', 'history', 'deploys');
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^DELIVERY\s+EVENT\s+STATUS\s+ATTEMPTS\s+HTTP\s+CREATED\s+ERROR$/);
    expect(lines[1]).toMatch(/^dlv-\S+\s+CliThing\s+succeeded\s+2\s+204\s/);
    expect(res.stdout).not.toContain('\x1b[');
    const attempts = await drover('webhooks', 'history', 'deploys', '--attempts');
    const rows = attempts.stdout.trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/\s1\s+failed\s+503\s/);
    expect(rows[1]).toMatch(/\s2\s+succeeded\s+204\s/);
    const json = JSON.parse((await drover('webhooks', 'history', 'deploys', '-o', 'json')).stdout);
    expect(json[0].attempts.map((a: { httpStatus: number }) => a.httpStatus)).toEqual([503, 204]);
  });

  it('sends a test event (exit 0), and exits 1 when the receiver refuses it', async () => {
    receiver.respond = () => ({ status: 204 });
    const ok = await drover('webhooks', 'test', endpointId);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/succeeded\s+204/);
    receiver.respond = () => ({ status: 500 });
    const failed = await drover('webhooks', 'test', receiver.url);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('was not delivered: HTTP 500');
  });

  it('redelivers with the same delivery id', async () => {
    receiver.respond = () => ({ status: 204 });
    const [delivery] = JSON.parse((await drover('webhooks', 'history', 'deploys', '-o', 'json')).stdout);
    const before = receiver.requests.length;
    const res = await drover('webhooks', 'redeliver', delivery.id);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('queued again');
    const after = await receiver.waitFor(before + 1);
    expect(after.at(-1)!.headers['drover-delivery']).toBe(delivery.id);
    expect((await drover('webhooks', 'redeliver', 'nope')).code).toBe(2);
  });

  it('rotates the secret and prints the new one', async () => {
    const res = await drover(
      'webhooks',
      'endpoints',
      'rotate-secret',
      endpointId,
      '--overlap',
      '1h',
      '-o',
      'json',
    );
    expect(res.code).toBe(0);
    const rotated = JSON.parse(res.stdout);
    expect(rotated.signingSecret).toMatch(/^whsec_/);
    expect(rotated.signingSecret).not.toBe(secret);
    expect(rotated.previousSecretExpiresAt).not.toBeNull();
  });

  it('names an unknown webhook with exit 1', async () => {
    const res = await drover('webhooks', 'history', 'nope');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Webhook "nope" not found');
  });
});
