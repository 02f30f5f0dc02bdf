// The `http` metric source's reader: the control plane polls the check's URL at evaluation time —
// one sample "now" — and measures either the time to the whole answer (`response-time-ms`) or the
// number the answer's body holds (`body-number`: the body is that number, as text or a JSON number).
// The URL is the tenant's: every connection goes through the egress guard's agents (hosted mode
// refuses private and loopback addresses, at connect time, after DNS). A check that does not answer
// 2xx within the timeout, or answers more than a bounded body, is missing data with its reason, so
// its rule abstains (or holds scale-in) instead of reading a wrong number.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { MetricSourceReader, SampleRead, SourceOf } from '../../ports/scaling-metrics';
import type { GuardedAgents } from '../egress/guarded-agents';

export const HTTP_CHECK_TIMEOUT_MS = 5_000;
/** A metric is a number: a body longer than this is not one. */
export const HTTP_CHECK_MAX_BODY_BYTES = 64 * 1024;

export interface HttpReaderOptions {
  agents: GuardedAgents;
  timeoutMs?: number;
  maxBodyBytes?: number;
}

interface Answer {
  status: number;
  body: string;
  elapsedMs: number;
}

function get(url: URL, options: Required<HttpReaderOptions>): Promise<Answer> {
  const started = performance.now();
  const https = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      url,
      {
        method: 'GET',
        agent: https ? options.agents.httpsAgent : options.agents.httpAgent,
        headers: { 'user-agent': 'drover-scaling-check', accept: 'application/json, text/plain, */*' },
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBodyBytes) {
            req.destroy(new Error(`the answer is longer than ${options.maxBodyBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            elapsedMs: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (err: Error) =>
      reject(err.name === 'AbortError' ? new Error(`no answer within ${options.timeoutMs} ms`) : err),
    );
    req.end();
  });
}

/** The number a body holds: the whole body, as plain text or as a JSON number. */
export function bodyNumber(body: string): number | undefined {
  const text = body.trim();
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export function createHttpReader(options: HttpReaderOptions): MetricSourceReader<'http'> {
  const settings: Required<HttpReaderOptions> = {
    timeoutMs: HTTP_CHECK_TIMEOUT_MS,
    maxBodyBytes: HTTP_CHECK_MAX_BODY_BYTES,
    ...options,
  };
  return {
    async readSamples(source: SourceOf<'http'>, _target, _window, now): Promise<SampleRead> {
      let answer: Answer;
      try {
        answer = await get(new URL(source.url), settings);
      } catch (err) {
        return { samples: [], missing: `the check failed: ${(err as Error).message}` };
      }
      if (answer.status < 200 || answer.status > 299)
        return { samples: [], missing: `the check answered HTTP ${answer.status}` };
      if (source.measure === 'response-time-ms')
        return { samples: [{ at: now.getTime(), value: Math.round(answer.elapsedMs) }] };
      const value = bodyNumber(answer.body);
      if (value === undefined)
        return { samples: [], missing: 'the check answered a body that is not one number' };
      return { samples: [{ at: now.getTime(), value }] };
    },
  };
}
