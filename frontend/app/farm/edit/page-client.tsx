'use client';
// Create or edit a farm: one form from the shared FarmSpec. The draft and its save live in
// useFarmSave, the form's sections in farm-form-sections.tsx; this file loads what the form
// chooses from (farm, roles, credentials, permissions) and lays the page out.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { AppHeader } from '../../../components/app-header';
import { StaleEditNotice } from '../../../components/farm-form/stale-edit-notice';
import { FarmPlanReview } from '../../../components/farm-plan-review';
import { FarmVariablesSection } from '../../../components/farm-role-variables';
import { farmHref } from '../../../components/farm-table';
import { PageHeading } from '../../../components/page-heading';
import { PermissionNote } from '../../../components/permission-note';
import { ProblemNotice } from '../../../components/problem-notice';
import { api } from '../../../lib/api-client';
import { toSpecInput } from '../../../lib/farm-draft';
import { denial } from '../../../lib/me-permissions';
import { errorsFromViolations } from '../../../lib/policy-violations';
import { useApi } from '../../../lib/use-api';
import { useEnvironment } from '../../../lib/use-environment';
import { useMe } from '../../../lib/use-me';
import { usePolicyCheck } from '../../../lib/use-policy-check';
import { useSession } from '../../../lib/use-session';
import { ErrorCountNotice, PolicyCheckNotice } from './farm-form-notices';
import { FarmBasics, FarmRolesSection } from './farm-form-sections';
import { useFarmSave } from './use-farm-save';

/** `farmId`: null renders the loading page (the static fallback); undefined reads `?id=`. */
export function FarmEditPageClient({ farmId }: { farmId?: string | null }) {
  return farmId === undefined ? <FromQuery /> : <FarmEditor farmId={farmId} />;
}

function FromQuery() {
  return <FarmEditor farmId={useSearchParams().get('id') ?? ''} />;
}

/** The farm being edited (or the environment a new one goes to) and what its form chooses from. */
function useFarmSources(farmId: string | null, signedIn: boolean) {
  const env = useEnvironment(signedIn && farmId === '');
  const farm = useApi(signedIn && farmId ? `farm:${farmId}` : null, (signal) => api.getFarm(farmId!, signal));
  const environmentId = farmId ? farm.data?.data.environmentId : env.current?.id;
  const roles = useApi(environmentId ? `roles:${environmentId}` : null, (signal) =>
    api.allRoles(environmentId!, signal),
  );
  const credentials = useApi(environmentId ? `credentials:${environmentId}` : null, (signal) =>
    api.allCredentials(environmentId!, signal),
  );
  return { env, farm, environmentId, roles, credentials, me: useMe(signedIn) };
}

function lede(editing: boolean, environmentName: string | undefined): string {
  if (editing) return 'Changes apply to the running farm at its next reconcile.';
  return environmentName
    ? `In environment ${environmentName}. The farm stays Terminated until you launch it.`
    : '\u00a0';
}

/** Review changes first; once reviewed, the plan with the button that saves exactly that. */
function FormFooter(props: {
  form: ReturnType<typeof useFarmSave>;
  editing: boolean;
  blocked: boolean;
  back: string;
}) {
  const { form } = props;
  if (form.review)
    return (
      <FarmPlanReview
        plan={form.review}
        saveLabel={props.editing ? 'Save changes' : 'Create farm'}
        saving={form.saving}
        disabled={props.blocked}
        onBack={form.backToEditing}
      />
    );
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={form.saving || props.blocked}>
        {form.saving ? 'Planning…' : 'Review changes'}
      </button>
      <Link className="button button-secondary" href={props.back}>
        Cancel
      </Link>
    </div>
  );
}

function FarmEditor({ farmId }: { farmId: string | null }) {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const editing = Boolean(farmId);
  const { env, farm, environmentId, roles, credentials, me } = useFarmSources(farmId, signedIn);
  const form = useFarmSave(farmId, farm.data, environmentId);
  const { draft, base, errors, stale } = form;
  // The environment's policies, checked live; their violations sit under the fields they name
  // (the schema's own errors, when there are any, come first).
  const policyCheck = usePolicyCheck(environmentId, draft ? toSpecInput(draft) : undefined);
  const shownErrors = { ...errorsFromViolations(policyCheck.violations), ...errors };
  const readOnly = editing
    ? denial(me.data, 'farms:update', environmentId, base?.farm)
    : denial(me.data, 'farms:create', environmentId);
  const title = editing ? `Edit ${base?.farm.name ?? 'farm'}` : 'New farm';
  const ready = Boolean(draft) && (editing ? Boolean(base) : Boolean(environmentId));
  const back = editing && farmId ? farmHref(farmId) : '/';

  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <p className="breadcrumb">
          {editing && farmId ? <Link href={back}>← Farm</Link> : <Link href="/">← Farms</Link>}
        </p>
        <PageHeading title={title} lede={lede(editing, env.current?.name)} />
        {farm.error && <ProblemNotice problem={farm.error} onRetry={farm.reload} />}
        {stale && (
          <StaleEditNotice
            startedFrom={stale.startedFrom}
            theirs={stale.theirs}
            loading={stale.loading}
            onReload={form.reloadKeepingEdits}
            onDiscard={form.discardEdits}
          />
        )}
        <PermissionNote reason={readOnly} />
        {form.problem && <ProblemNotice problem={form.problem} />}
        <PolicyCheckNotice violations={policyCheck.violations} />
        {form.submitted && !form.problem && <ErrorCountNotice count={Object.keys(errors).length} />}
        {!ready || !draft ? (
          <div className="panel form-placeholder" aria-busy="true" />
        ) : (
          <form className="farm-form" onSubmit={form.onSubmit} noValidate aria-label={title}>
            <FarmBasics draft={draft} change={form.change} shownErrors={shownErrors} errors={errors} />
            <FarmRolesSection
              draft={draft}
              change={form.change}
              shownErrors={shownErrors}
              environmentId={environmentId}
              roles={roles.data}
              credentials={credentials.data}
            />
            <FormFooter
              form={form}
              editing={editing}
              blocked={Boolean(stale?.loading) || Boolean(readOnly)}
              back={back}
            />
          </form>
        )}
        {editing && <FarmVariablesSection farm={base?.farm} me={me.data} />}
      </main>
    </>
  );
}
