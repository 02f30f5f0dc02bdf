// The metric readers the control plane runs itself (sqs, http), over one set of egress-guarded
// agents, for a composition root to spread beside the stored readers (agent, custom, pushed) into
// the ScalingMetricReaders a reconcile pass is given.
import type { ScalingMetricReaders } from '../../ports/scaling-metrics';
import type { SecretBox } from '../../ports/secret-box';
import { type CredentialsRepos, openCredentials } from '../../services/credentials';
import type { Egress } from '../../services/egress/egress-guard';
import { createGuardedAgents } from '../egress/guarded-agents';
import { createHttpReader } from './http-reader';
import { createSqsReader } from './sqs-reader';

export function controlPlaneReaders(deps: {
  store: CredentialsRepos;
  secrets: SecretBox;
  egress: Egress;
}): Required<Pick<ScalingMetricReaders, 'sqs' | 'http'>> {
  const agents = createGuardedAgents(deps.egress);
  return {
    sqs: createSqsReader({
      agents,
      openCredentials: (target, credentialsId) =>
        openCredentials(deps, { accountId: target.accountId }, target.environmentId, credentialsId),
    }),
    http: createHttpReader({ agents }),
  };
}
