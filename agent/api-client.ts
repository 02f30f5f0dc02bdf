// The agent's side of the HTTPS half of the protocol (functions/domain/schemas/agent-protocol.ts):
// lifecycle reports, the task list, a task's start/output/result, metrics and custom events, all
// with the server's own token, through the typed client of the API contract. It uses the agent's
// routes without their zod schemas (functions/contract/agent-wire.ts) so the bundle stays small:
// the API validates what the agent sends and strips what it answers to the route's schema.
// Transient failures (network, 5xx, 429, 412 from a concurrent write) are retried a few times with
// jittered backoff; other answers, and a transient one that outlasts the attempts, are errors the
// caller sees.

import { AGENT_WIRE } from '../functions/contract/agent-wire';
import type { ApiProblem } from '../functions/contract/api-problem';
import { createRouteClient } from '../functions/contract/route-client';
import type { AgentMetrics, TaskResult } from '../functions/domain/schemas/agent-protocol';
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

const REQUEST_TIMEOUT_MS = 30_000;

export class AgentApiClient {
  /** Counted for the benchmark's control-plane figures. */
  readonly counter: RequestCounter = { requests: 0, bytesSent: 0, bytesReceived: 0 };
  private readonly api;

  constructor(
    apiUrl: string,
    token: string,
    private readonly attempts = 5,
  ) {
    this.api = createRouteClient(AGENT_WIRE, {
      baseUrl: apiUrl,
      token,
      timeoutMs: REQUEST_TIMEOUT_MS,
      fetch: this.countingFetch,
      onProblem: (problem: ApiProblem, route) =>
        new AgentApiError(
          problem.status,
          `${route.method} ${route.path.replace(/^\/api/, '')} answered ${problem.status || 'nothing'}: ${problem.message}`,
        ),
    });
  }

  async report(name: LifecycleReport, message = '', payload: Record<string, unknown> = {}) {
    return (await this.retried(() => this.api.reportAgentEvent({ body: { name, message, payload } }))).body;
  }

  async tasks() {
    return (await this.retried(() => this.api.listAgentTasks())).body.items;
  }

  start(executionId: string) {
    return this.retried(() => this.api.startAgentTask({ params: { executionId } }));
  }

  output(executionId: string, chunk: { stdout: string; stderr: string }) {
    return this.retried(() => this.api.appendAgentTaskOutput({ params: { executionId }, body: chunk }));
  }

  result(executionId: string, result: TaskResult) {
    return this.retried(() => this.api.finishAgentTask({ params: { executionId }, body: result }));
  }

  metrics(metrics: AgentMetrics) {
    return this.retried(() => this.api.reportAgentMetrics({ body: metrics }));
  }

  async customEvent(name: string, payload: Record<string, unknown>) {
    return (await this.retried(() => this.api.fireAgentCustomEvent({ body: { name, payload } }))).body;
  }

  private async retried<T>(call: () => Promise<T>): Promise<T> {
    const backoff = new Backoff({ baseMs: 200, maxMs: 5_000 });
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const status = error instanceof AgentApiError ? error.status : 0;
        const transient = status === 0 || status >= 500 || status === 429 || status === 412;
        if (!transient || attempt >= this.attempts) throw error;
      }
      await new Promise((r) => setTimeout(r, backoff.next()));
    }
  }

  private readonly countingFetch: typeof fetch = async (url, init) => {
    this.counter.requests++;
    this.counter.bytesSent += typeof init?.body === 'string' ? init.body.length : 0;
    const res = await fetch(url, init);
    const text = await res.text();
    this.counter.bytesReceived += text.length;
    // A 204 may not carry a body, not even an empty one.
    const body = res.status === 204 ? null : text;
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
