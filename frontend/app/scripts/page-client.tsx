'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { AppHeader } from '../../components/app-header';
import { EnvironmentPicker } from '../../components/environment-picker';
import { PageHeading } from '../../components/page-heading';
import { ProblemNotice } from '../../components/problem-notice';
import { all, api } from '../../lib/api-client';
import { isAccountAdmin } from '../../lib/me-permissions';
import { type OrchestrationRule, orchestrationApi } from '../../lib/orchestration-api';
import { useApi } from '../../lib/use-api';
import { useEnvironment } from '../../lib/use-environment';
import { useMe } from '../../lib/use-me';
import { useSession } from '../../lib/use-session';
import { RuleForm } from './rule-form';
import { nameBook, ruleSentence } from './rule-names';
import { RuleTable } from './rule-table';
import { ScriptTable } from './script-table';

type Editing<T> = { item?: T } | undefined;

export function ScriptsPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const env = useEnvironment(signedIn);
  const environmentId = env.current?.id;
  const me = useMe(signedIn);
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
  const [ruleForm, setRuleForm] = useState<Editing<OrchestrationRule>>();
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

        <section aria-labelledby="rules-heading" className="orch-section">
          <div className="section-heading">
            <h2 id="rules-heading">
              Orchestration rules {rules.data && <span className="count">{rules.data.length}</span>}
            </h2>
            {mayManage && (
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  setRuleForm({});
                  setNotice(undefined);
                }}
                disabled={Boolean(ruleForm) || !scripts.data}
              >
                New rule
              </button>
            )}
          </div>
          {ruleForm && scripts.data && (
            <RuleForm
              key={ruleForm.item?.id ?? 'new'}
              editing={ruleForm.item}
              environmentId={environmentId}
              environments={env.environments ?? []}
              roles={roles.data ?? []}
              farms={farms.data ?? []}
              scripts={scripts.data}
              onCancel={() => setRuleForm(undefined)}
              onSaved={(saved) => {
                setRuleForm(undefined);
                setNotice(`Saved: ${ruleSentence(saved, names)}.`);
                rules.reload();
              }}
            />
          )}
          <div className="panel orch-panel">
            <RuleTable
              rules={rules.data}
              names={names}
              mayManage={mayManage}
              onEdit={(item) => {
                setRuleForm({ item });
                setNotice(undefined);
              }}
              onDeleted={rules.reload}
            />
          </div>
        </section>
      </main>
    </>
  );
}
