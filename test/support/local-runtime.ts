// Starts the local runtime in-process for a test file: in-memory dynalite, port 0.
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime';

export async function startTestRuntime(): Promise<LocalRuntime> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  return startLocalRuntime({ port: 0, inMemory: true });
}
