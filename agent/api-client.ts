// The agent's side of the HTTPS half of the protocol (functions/domain/schemas/agent-protocol.ts):
// lifecycle reports, the task list, a task's start/output/result, metrics and custom events, all
// with the server's own token. Transient failures (network, 5xx, 429, 412 from a concurrent write)
// are retried a few times with jittered backoff; other answers are errors the caller sees.
import type { AgentMetrics, AgentTask, TaskResult } from '../functions/domain/schemas/agent-protocol';
import { Backoff } from './backoff';

export type LifecycleReport =
  | 'HostInit'
  | 'BeforeHostUp'
  | 'HostUp'
  | 'BeforeHostUpFailed'
  | 'RebootComplete';

export class AgentApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AgentApiError';
  }
}

export interface RequestCounter {
  requests: number;
  bytesSent: number;
  bytesReceived: number;
}

export class AgentApiClient {
  /** Counted for the benchmark's control-plane figures. */
  readonly counter: RequestCounter = { requests: 0, bytesSent: 0, bytesReceived: 0 };

  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
    private readonly attempts = 5,
  ) {}

  report(name: LifecycleReport, message = '', payload: Record<string, unknown> = {}) {
    return this.call<{ accepted: boolean; status: string; executionIds?: string[] }>(
      'POST',
      '/v1/agent/events',
      {
        name,
        message,
        payload,
      },
    );
  }

  async tasks(): Promise<AgentTask[]> {
    return (await this.call<{ items: AgentTask[] }>('GET', '/v1/agent/tasks')).items;
  }

  start(executionId: string) {
    return this.call<unknown>('POST', `/v1/agent/tasks/${executionId}/start`, {});
  }

  output(executionId: string, chunk: { stdout: string; stderr: string }) {
    return this.call<unknown>('POST', `/v1/agent/tasks/${executionId}/output`, chunk);
  }

  result(executionId: string, result: TaskResult) {
    return this.call<unknown>('POST', `/v1/agent/tasks/${executionId}/result`, result);
  }

  metrics(metrics: AgentMetrics) {
    return this.call<unknown>('POST', '/v1/agent/metrics', metrics);
  }

  customEvent(name: string, payload: Record<string, unknown>) {
    return this.call<unknown>('POST', '/v1/agent/custom-events', { name, payload });
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const backoff = new Backoff({ baseMs: 200, maxMs: 5_000 });
    const payload = body === undefined ? undefined : JSON.stringify(body);
    for (let attempt = 1; ; attempt++) {
      let status = 0;
      let text = '';
      try {
        this.counter.requests++;
        this.counter.bytesSent += payload?.length ?? 0;
        const res = await fetch(`${this.apiUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(payload === undefined ? {} : { body: payload }),
          signal: AbortSignal.timeout(30_000),
        });
        status = res.status;
        text = await res.text();
        this.counter.bytesReceived += text.length;
        if (res.ok) return (text ? JSON.parse(text) : undefined) as T;
      } catch (err) {
        text = (err as Error).message;
      }
      const transient = status === 0 || status >= 500 || status === 429 || status === 412;
      if (!transient || attempt >= this.attempts)
        throw new AgentApiError(
          status,
          `${method} ${path} answered ${status || 'nothing'}: ${problemDetail(text)}`,
        );
      await new Promise((r) => setTimeout(r, backoff.next()));
    }
  }
}

function problemDetail(text: string): string {
  try {
    const problem = JSON.parse(text) as { detail?: string; title?: string };
    return problem.detail ?? problem.title ?? text;
  } catch {
    return text.slice(0, 300);
  }
}
