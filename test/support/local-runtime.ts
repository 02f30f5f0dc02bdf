// Starts the local runtime in-process for a test file: in-memory dynalite, port 0.
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../local/runtime';

export async function startTestRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  return startLocalRuntime({ ...options, port: 0, inMemory: true });
}
