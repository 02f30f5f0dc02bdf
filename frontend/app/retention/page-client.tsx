'use client';
import { AppHeader } from '../../components/app-header';
import { PageHeading } from '../../components/page-heading';
import { PermissionNote } from '../../components/permission-note';
import { ProblemNotice } from '../../components/problem-notice';
import { isAccountAdmin } from '../../lib/me-permissions';
import { retentionApi } from '../../lib/retention-api';
import { useApi } from '../../lib/use-api';
import { useMe } from '../../lib/use-me';
import { useSession } from '../../lib/use-session';
import { RetentionForm } from './retention-form';

export function RetentionPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const me = useMe(signedIn);
  const admin = isAccountAdmin(me.data);
  const settings = useApi(signedIn ? 'retention' : null, (signal) => retentionApi.get(signal));
  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <PageHeading
          title="Retention"
          lede="How long the account keeps the records that pile up as it works. Each is deleted some time after its days run out; a change applies to records written from then on."
        />
        {me.error && <ProblemNotice problem={me.error} onRetry={me.reload} />}
        {me.data && !admin && (
          <PermissionNote reason="Only the account's owner and admins change how long records are kept." />
        )}
        {settings.error && !settings.data && (
          <ProblemNotice problem={settings.error} onRetry={settings.reload} />
        )}
        {settings.data && (
          <RetentionForm
            key={settings.data.etag ?? settings.data.data.version}
            loaded={settings.data}
            canEdit={me.data !== undefined && admin}
          />
        )}
      </main>
    </>
  );
}
