// The `sqs` and `http` metric readers for a composition root, loaded on the first read of a rule
// that uses them: the SQS client and the guarded agents stay out of a pass (and of the reconcile
// bundle's import) that has no such rule.
import type { ScalingMetricReaders } from '../ports/scaling-metrics';
import type { SecretBox } from '../ports/secret-box';
import type { CredentialsRepos } from '../services/credentials';
import type { Egress } from '../services/egress/egress-guard';
import { once } from './lazy-ports';

export interface ControlPlaneReaderDeps {
  store: CredentialsRepos;
  secrets: SecretBox;
  egress: Egress;
}

export function lazyControlPlaneReaders(
  deps: () => ControlPlaneReaderDeps,
): Required<Pick<ScalingMetricReaders, 'sqs' | 'http'>> {
  const readers = once(async () => {
    const { controlPlaneReaders } = await import('../adapters/scaling-metrics/control-plane-readers');
    return controlPlaneReaders(deps());
  });
  return {
    sqs: { readSamples: async (...args) => (await readers()).sqs.readSamples(...args) },
    http: { readSamples: async (...args) => (await readers()).http.readSamples(...args) },
  };
}
