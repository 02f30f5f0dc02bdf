// One CloudStack API call, the way every call of the client makes it: signed (signing.ts, version
// 3 with `expires`), GET with the parameters in the query, or POST with them as a form when they
// are long (user data: CloudStack takes up to 32 KiB of it by POST, 2 KiB by GET), the answer
// parsed with its wire schema, failures mapped once (errors.ts), throttled and failed calls
// retried with jittered back-off (cockatiel) unless the call must be made once, and async commands
// polled through queryAsyncJobResult with back-off until the job succeeds (1) or fails (2).
import { DelegateBackoff, handleWhen, type IPolicy, noop, retry } from 'cockatiel';
import type { z } from 'zod';
import { CloudError } from '../../../../ports/cloud-driver';
import type { Transport } from '../../node-transport';
import { failureError, retryAfterMs, statusError, transportError } from './errors';
import { expiresAt, type Params, sign } from './signing';
import { AsyncAccepted, AsyncJob, ErrorBody, listOf, responseKey } from './wire';

export interface CloudStackClientOptions {
  /** The API URL, e.g. `https://cloud.example.com/client/api`. */
  endpoint: string;
  apiKey: string;
  secretKey: string;
  transport?: Transport;
  /** Retries of a throttled or failed call (default 4; 0: one attempt). */
  maxRetries?: number;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
  /** How long a signed request stays valid (default 10 minutes, as `cs`). */
  expiresInMs?: number;
  /** Longest an async job is polled before it is given up as Transient (default 10 minutes). */
  jobTimeoutMs?: number;
  /** First and longest pause between two polls of a job (default 100 ms and 2 s). */
  pollMs?: { first: number; max: number };
}

/** Above this many bytes of query string a call is POSTed as a form. */
const MAX_GET_QUERY = 2_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class CloudStackClient {
  private readonly policy: IPolicy;
  private readonly transport: Transport;

  constructor(private readonly options: CloudStackClientOptions) {
    this.transport = options.transport ?? ((url, init) => fetch(url, init));
    const maxRetries = options.maxRetries ?? 4;
    this.policy =
      maxRetries > 0
        ? retry(
            handleWhen(
              (err) => err instanceof CloudError && (err.kind === 'Throttled' || err.kind === 'Transient'),
            ),
            {
              maxAttempts: maxRetries,
              backoff: new DelegateBackoff((ctx) => {
                const named =
                  'error' in ctx.result ? (ctx.result.error as CloudError).details.retryAfterMs : undefined;
                return named ?? Math.random() * Math.min(3_000, 100 * 2 ** ctx.attempt);
              }),
            },
          )
        : noop;
  }

  /** One command; `once` makes a single attempt (a deploy, whose repetition the caller decides). */
  call<T>(
    command: string,
    params: Params,
    schema: z.ZodType<T>,
    options: { once?: boolean } = {},
  ): Promise<T> {
    const attempt = () => this.send(command, params, schema);
    return options.once ? attempt() : this.policy.execute(attempt);
  }

  /** Every item of a list command, page after page (`page`, `pagesize`) until `count` are read. */
  async listAll<T>(
    command: string,
    item: string,
    schema: z.ZodType<T>,
    params: Params = {},
    pageSize = 500,
  ): Promise<T[]> {
    const items: T[] = [];
    const page = listOf(item, schema);
    for (let n = 1; ; n++) {
      const answer = await this.call(
        command,
        { ...params, page: String(n), pagesize: String(pageSize) },
        page,
      );
      items.push(...answer.items);
      if (answer.items.length < pageSize || items.length >= answer.count) return items;
    }
  }

  /** Starts an async command: its job id and, for commands that make something, the new id. */
  start(
    command: string,
    params: Params,
    options: { once?: boolean } = {},
  ): Promise<z.infer<typeof AsyncAccepted>> {
    return this.call(command, params, AsyncAccepted, options);
  }

  /** Polls a job until it ends: the job result on success, its error as a CloudError on failure. */
  async waitForJob(command: string, jobid: string): Promise<unknown> {
    const { first, max } = this.options.pollMs ?? { first: 100, max: 2_000 };
    const deadline = Date.now() + (this.options.jobTimeoutMs ?? 10 * 60_000);
    // A job is never done the instant it is accepted: the first look waits `first`.
    for (let wait = first; ; wait = Math.min(wait * 2, max)) {
      await sleep(wait);
      const job = await this.call('queryAsyncJobResult', { jobid }, AsyncJob);
      if (job.jobstatus === 1) return job.jobresult;
      if (job.jobstatus === 2) {
        const failure = ErrorBody.safeParse(job.jobresult);
        throw failureError(
          command,
          failure.success ? failure.data : { errorcode: 530, errortext: `job ${jobid} failed` },
        );
      }
      if (Date.now() > deadline)
        throw new CloudError('Transient', `CloudStack ${command}: job ${jobid} still pending`, {
          code: 'JobTimeout',
          platform: 'cloudstack',
        });
    }
  }

  /** An async command carried out to its end. */
  async run(command: string, params: Params, options: { once?: boolean } = {}): Promise<unknown> {
    const { jobid } = await this.start(command, params, options);
    return this.waitForJob(command, jobid);
  }

  private async send<T>(command: string, params: Params, schema: z.ZodType<T>): Promise<T> {
    const signed: Params = {
      ...params,
      command,
      response: 'json',
      apiKey: this.options.apiKey,
      signatureVersion: '3',
      expires: expiresAt(new Date(Date.now() + (this.options.expiresInMs ?? 10 * 60_000))),
    };
    signed.signature = sign(signed, this.options.secretKey);
    const form = new URLSearchParams(signed).toString();
    const post = form.length > MAX_GET_QUERY;
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const response = await this.transport(
        post ? this.options.endpoint : `${this.options.endpoint}?${form}`,
        {
          method: post ? 'POST' : 'GET',
          headers: {
            accept: 'application/json',
            ...(post ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(post ? { body: form } : {}),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
        },
      );
      status = response.status;
      text = await response.text();
      retryAfter = response.headers.get('retry-after');
    } catch (err) {
      throw transportError(command, err);
    }
    return this.read(command, schema, { status, text, retryAfter });
  }

  private read<T>(
    command: string,
    schema: z.ZodType<T>,
    answer: { status: number; text: string; retryAfter: string | null },
  ): T {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(answer.text) as Record<string, unknown>;
    } catch {
      throw statusError(command, answer.status, answer.text);
    }
    const inner = body.errorresponse ?? body[responseKey(command)];
    const failure = ErrorBody.safeParse(inner);
    if (answer.status >= 400 || failure.success) {
      if (!failure.success) throw statusError(command, answer.status, answer.text);
      throw failureError(
        command,
        { ...failure.data, httpStatus: answer.status },
        retryAfterMs(answer.retryAfter),
      );
    }
    const parsed = schema.safeParse(inner ?? {});
    if (!parsed.success)
      throw new CloudError(
        'Transient',
        `CloudStack ${command}: unexpected answer (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
        { platform: 'cloudstack' },
      );
    return parsed.data;
  }
}
