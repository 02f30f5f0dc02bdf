// Webhook endpoints' custom header values are write-only, like the signing secret: every answer
// (create, get, list, update, rotate-secret) names the headers and masks their values; a masked
// value sent back on PUT keeps the stored one, which is what deliveries still carry; a mask for a
// header the endpoint does not have is refused with its field path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import { type Receiver, startReceiver } from '../../support/webhook-receiver';

const TOKEN = 'Bearer receiver-credential-0042';
let rt: LocalRuntime;
let api: ApiClient;
let base: string;
let receiver: Receiver;

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  base = `/v1/environments/${rt.demo.environmentId}/webhook-endpoints`;
  receiver = await startReceiver(() => ({ status: 204 }));
});
afterAll(async () => {
  await rt?.stop();
  await receiver?.close();
});

describe('custom header values', () => {
  it('are masked in every answer, kept when sent back masked, and still sent to the receiver', async () => {
    const created = await api.post(base, {
      url: `${receiver.url}/hook`,
      headers: { Authorization: TOKEN, 'X-Team': 'ops' },
    });
    expect(created.status).toBe(201);
    expect(created.body.headers).toEqual({ Authorization: '******', 'X-Team': '******' });
    const id = created.body.id;

    const read = await api.get(`${base}/${id}`);
    expect(read.body.headers).toEqual({ Authorization: '******', 'X-Team': '******' });
    const listed = await api.get(base);
    expect(JSON.stringify(listed.body)).not.toContain('receiver-credential');

    // The portal's edit form sends back what it read: the masked value keeps the stored one.
    const { url, description, timeoutSeconds, enabled } = read.body;
    const updated = await api.put(
      `${base}/${id}`,
      { url, description, timeoutSeconds, enabled, headers: { Authorization: '******', 'X-Team': 'dev' } },
      { 'if-match': read.headers.get('etag')! },
    );
    expect(updated.status).toBe(200);
    expect(updated.body.headers).toEqual({ Authorization: '******', 'X-Team': '******' });
    const rotated = await api.post(`${base}/${id}/rotate-secret`, { overlapSeconds: 0 });
    expect(JSON.stringify(rotated.body)).not.toContain('receiver-credential');

    const tested = await api.post(`${base}/${id}/test`);
    expect(tested.body.status).toBe('succeeded');
    const request = receiver.requests.at(-1)!;
    expect(request.headers.authorization).toBe(TOKEN);
    expect(request.headers['x-team']).toBe('dev');
  });

  it('refuses a mask for a header the endpoint does not have (422 at headers.<name>)', async () => {
    const res = await api.post(base, { url: `${receiver.url}/hook`, headers: { 'X-Key': '******' } });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'headers.X-Key' })]);
  });
});
