// The demo's Global Orchestration (npm start): a script `hello-host` and an environment-scope rule
// "on HostUp run hello-host", so launching demo-web shows real output from each sandbox server's
// drover-agent in the portal and with `drover logs`. Added when the account has no script at all,
// so a data directory from before gets it at the next start and an account with scripts of its
// own is left alone.
import { OrchestrationRuleInput, ScriptInput } from '../functions/domain/schemas/orchestration';
import type { ApiDeps } from '../functions/handlers/api/deps';
import type { Principal } from '../functions/ports/identity';
import { createRule } from '../functions/services/orchestration/rules';
import { createScript } from '../functions/services/orchestration/scripts';
import type { DemoData } from './seed';

export const DEMO_SCRIPT_NAME = 'hello-host';
export const DEMO_SCRIPT_BODY =
  '#!/bin/sh\necho hello from $DROVER_SERVER_ID on $DROVER_FARM_ROLE_ALIAS; uname -a\n';

export async function ensureDemoOrchestration(
  deps: ApiDeps,
  demo: Pick<DemoData, 'accountId' | 'userId' | 'environmentId'>,
): Promise<{ scriptId: string; ruleId: string } | undefined> {
  const principal: Principal = { accountId: demo.accountId, userId: demo.userId, via: 'system' };
  const scope = { accountId: demo.accountId };
  const existing = await deps.store.scripts.list(scope, { limit: 100 });
  if (existing.items.length > 0) return undefined;
  const script = await createScript(
    deps,
    principal,
    ScriptInput.parse({
      name: DEMO_SCRIPT_NAME,
      description: 'Says hello from each new server (the demo rule runs it on HostUp)',
      body: DEMO_SCRIPT_BODY,
      interpreterHint: 'sh',
      blocking: true,
      timeoutSeconds: 60,
    }),
  );
  const rule = await createRule(
    deps,
    principal,
    OrchestrationRuleInput.parse({
      scope: { kind: 'environment', environmentId: demo.environmentId },
      event: 'HostUp',
      scriptId: script.id,
      description: 'The demo: on HostUp run hello-host on the new server',
    }),
  );
  return { scriptId: script.id, ruleId: rule.id };
}
