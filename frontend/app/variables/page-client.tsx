'use client';
import { AppHeader } from '../../components/app-header';
import { EnvironmentPicker } from '../../components/environment-picker';
import { PageHeading } from '../../components/page-heading';
import { ProblemNotice } from '../../components/problem-notice';
import { VariableSetEditor } from '../../components/variable-set-editor';
import { denial, isAccountAdmin } from '../../lib/me-permissions';
import { useEnvironment } from '../../lib/use-environment';
import { useMe } from '../../lib/use-me';
import { useSession } from '../../lib/use-session';
import { variableScopes } from '../../lib/variables-api';

export function VariablesPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const env = useEnvironment(signedIn);
  const environmentId = env.current?.id;
  const me = useMe(signedIn);
  const mayManage = !denial(me.data, 'variables:manage', environmentId);
  const mayManageAccount = isAccountAdmin(me.data);
  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <PageHeading
          title="Variables"
          lede={
            <>
              Global Variables every script of {env.current?.name ?? 'this environment'} gets as environment
              variables. Lower scopes (roles, farms, farm roles, servers) override these unless they are
              final.
            </>
          }
          actions={<EnvironmentPicker env={env} />}
        />
        {env.error && <ProblemNotice problem={env.error} />}
        {environmentId && (
          <VariableSetEditor
            key={environmentId}
            title={`Environment ${env.current?.name ?? ''}`.trim()}
            scope={variableScopes.environment(environmentId)}
            canEdit={me.data !== undefined && mayManage}
            idPrefix="env-vars"
          />
        )}
        {signedIn && (
          <VariableSetEditor
            title="Account"
            scope={variableScopes.account()}
            canEdit={me.data !== undefined && mayManageAccount}
            idPrefix="account-vars"
          />
        )}
      </main>
    </>
  );
}
