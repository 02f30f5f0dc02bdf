'use client';
// Global Orchestration: the account's scripts and orchestration rules, named in words.
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { AppHeader } from '../../components/app-header';
import { EnvironmentPicker } from '../../components/environment-picker';
import { PageHeading } from '../../components/page-heading';
import { ProblemNotice } from '../../components/problem-notice';
import { all, api } from '../../lib/api-client';
import { isAccountAdmin } from '../../lib/me-permissions';
import { orchestrationApi } from '../../lib/orchestration-api';
import { useApi } from '../../lib/use-api';
import { useEnvironment } from '../../lib/use-environment';
import { useMe } from '../../lib/use-me';
import { useSession } from '../../lib/use-session';
import { nameBook, ruleSentence } from './rule-names';
import { RulesSection } from './rules-section';
import { ScriptTable } from './script-table';

/** The account's scripts and rules, and names for them: the chosen environment's roles and farms. */
function useOrchestration(signedIn: boolean, env: ReturnType<typeof useEnvironment>) {
  const environmentId = env.current?.id;
  const scripts = useApi(signedIn ? 'scripts' : null, (signal) => orchestrationApi.allScripts(signal));
  const rules = useApi(signedIn ? 'orchestration-rules' : null, (signal) =>
    orchestrationApi.allRules(signal),
  );
  // Names for the scope picker and the rule list: the chosen environment's roles and farms.
  const roles = useApi(environmentId ? `roles:${environmentId}` : null, (signal) =>
    api.allRoles(environmentId!, signal),
  );
  const farms = useApi(environmentId ? `farms-all:${environmentId}` : null, (signal) =>
    all((page) => api.listFarms(environmentId!, page, signal)),
  );
  const names = useMemo(
    () =>
      nameBook({
        environments: env.environments,
        roles: roles.data,
        farms: farms.data,
        scripts: scripts.data,
      }),
    [env.environments, roles.data, farms.data, scripts.data],
  );
  return { scripts, rules, roles, farms, names };
}

export function ScriptsPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const env = useEnvironment(signedIn);
  const environmentId = env.current?.id;
  const me = useMe(signedIn);
  const { scripts, rules, roles, farms, names } = useOrchestration(signedIn, env);
  const [notice, setNotice] = useState<string>();
  const mayManage = isAccountAdmin(me.data);

  const problem = env.error ?? scripts.error ?? rules.error;
  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <PageHeading
          title="Scripts"
          lede="Global Orchestration: scripts the Drover agent runs on your servers when events happen, at any scope."
          actions={<EnvironmentPicker env={env} />}
        />
        {problem && (
          <ProblemNotice
            problem={problem}
            onRetry={() => {
              scripts.reload();
              rules.reload();
            }}
          />
        )}
        {me.data && !mayManage && (
          <p className="notice notice-warn">
            Scripts and rules belong to the whole account: only its owner and admins change them. You can read
            them here.
          </p>
        )}
        <p className="notice notice-ok" role="status" hidden={!notice}>
          {notice}
        </p>

        <section aria-labelledby="scripts-heading" className="orch-section">
          <div className="section-heading">
            <h2 id="scripts-heading">
              Scripts {scripts.data && <span className="count">{scripts.data.length}</span>}
            </h2>
            {mayManage && (
              <Link className="button button-primary" href="/scripts/edit/">
                New script
              </Link>
            )}
          </div>
          <div className="panel orch-panel">
            <ScriptTable
              scripts={scripts.data}
              rules={rules.data ?? []}
              mayManage={mayManage}
              describeRule={(rule) => ruleSentence(rule, names)}
              onDeleted={() => {
                setNotice('Script deleted.');
                scripts.reload();
              }}
            />
          </div>
        </section>

        <RulesSection
          rules={rules}
          scripts={scripts.data}
          names={names}
          mayManage={mayManage}
          environmentId={environmentId}
          environments={env.environments}
          roles={roles.data}
          farms={farms.data}
          setNotice={setNotice}
        />
      </main>
    </>
  );
}
