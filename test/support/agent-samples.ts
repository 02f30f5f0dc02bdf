// The agent task routes' rows of the route tables (route-samples.ts spreads them in): a valid
// body and bad bodies with the field path each is refused at.
const metrics = () => ({
  load1: 0.1,
  load5: 0.2,
  load15: 0.3,
  cpuPercent: 12.5,
  memory: { totalBytes: 1024, usedBytes: 512 },
  disk: { path: '/', totalBytes: 2048, usedBytes: 1024 },
  at: new Date().toISOString(),
});

export const AGENT_VALID_BODIES: Record<string, () => unknown> = {
  appendAgentTaskOutput: () => ({ stdout: 'hello\n', stderr: '' }),
  finishAgentTask: () => ({ exitCode: 0, timedOut: false, durationMs: 12, stdoutTail: 'hello\n' }),
  reportAgentMetrics: metrics,
  fireAgentCustomEvent: () => ({ name: 'AppDeployed', payload: { release: '42' } }),
};

export const AGENT_BAD_BODIES: Record<string, { why: string; body: () => unknown; path: string }[]> = {
  appendAgentTaskOutput: [
    { why: 'stdout not a string', body: () => ({ stdout: 42 }), path: 'stdout' },
    { why: 'an unknown field', body: () => ({ stdout: '', exitCode: 0 }), path: '' },
  ],
  finishAgentTask: [
    { why: 'no duration', body: () => ({ exitCode: 0 }), path: 'durationMs' },
    { why: 'a fractional exit code', body: () => ({ exitCode: 0.5, durationMs: 1 }), path: 'exitCode' },
    {
      why: 'a tail over 64 KiB',
      body: () => ({ exitCode: 0, durationMs: 1, stdoutTail: 'x'.repeat(70_000) }),
      path: 'stdoutTail',
    },
  ],
  reportAgentMetrics: [
    { why: 'CPU over 100 %', body: () => ({ ...metrics(), cpuPercent: 140 }), path: 'cpuPercent' },
    { why: 'no timestamp', body: () => ({ ...metrics(), at: undefined }), path: 'at' },
  ],
  fireAgentCustomEvent: [
    { why: 'a name with spaces', body: () => ({ name: 'app deployed' }), path: 'name' },
    { why: 'payload not an object', body: () => ({ name: 'AppDeployed', payload: [1] }), path: 'payload' },
  ],
};
