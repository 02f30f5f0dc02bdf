'use client';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { FarmSpec } from '../../../../functions/domain/schemas/farm';
import { AppHeader } from '../../../components/app-header';
import { FarmRoleEditor } from '../../../components/farm-form/farm-role-editor';
import { StaleEditNotice } from '../../../components/farm-form/stale-edit-notice';
import { FarmVariablesSection } from '../../../components/farm-role-variables';
import { farmHref } from '../../../components/farm-table';
import { FormField, TextField } from '../../../components/form-field';
import { PageHeading } from '../../../components/page-heading';
import { PermissionNote } from '../../../components/permission-note';
import { ProblemNotice } from '../../../components/problem-notice';
import { api, type Farm } from '../../../lib/api-client';
import { ApiProblem } from '../../../lib/api-problem';
import { emptyFarm, emptyFarmRole, type FarmDraft, farmDraft, toSpecInput } from '../../../lib/farm-draft';
import { errorAt, errorsFromIssues, errorsFromZod, type FieldErrors } from '../../../lib/field-errors';
import { denial } from '../../../lib/me-permissions';
import { errorsFromViolations, explainViolation } from '../../../lib/policy-violations';
import { useApi } from '../../../lib/use-api';
import { useEnvironment } from '../../../lib/use-environment';
import { useMe } from '../../../lib/use-me';
import { usePolicyCheck } from '../../../lib/use-policy-check';
import { useSession } from '../../../lib/use-session';

/** `farmId`: null renders the loading page (the static fallback); undefined reads `?id=`. */
export function FarmEditPageClient({ farmId }: { farmId?: string | null }) {
  return farmId === undefined ? <FromQuery /> : <FarmEditor farmId={farmId} />;
}

function FromQuery() {
  return <FarmEditor farmId={useSearchParams().get('id') ?? ''} />;
}

/** Runs the schema over the draft: the same rules the API applies, with the same paths. */
function validate(draft: FarmDraft): FieldErrors {
  const parsed = FarmSpec.safeParse(toSpecInput(draft));
  return parsed.success ? {} : errorsFromZod(parsed.error);
}

function FarmEditor({ farmId }: { farmId: string | null }) {
  const router = useRouter();
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const editing = Boolean(farmId);
  const env = useEnvironment(signedIn && farmId === '');
  const farm = useApi(signedIn && farmId ? `farm:${farmId}` : null, (signal) => api.getFarm(farmId!, signal));
  const environmentId = editing ? farm.data?.data.environmentId : env.current?.id;
  const roles = useApi(environmentId ? `roles:${environmentId}` : null, (signal) =>
    api.allRoles(environmentId!, signal),
  );
  const credentials = useApi(environmentId ? `credentials:${environmentId}` : null, (signal) =>
    api.allCredentials(environmentId!, signal),
  );

  const [draft, setDraft] = useState<FarmDraft | undefined>(farmId === '' ? emptyFarm() : undefined);
  /** The version the edits started from, and its ETag for If-Match. */
  const [base, setBase] = useState<{ farm: Farm; etag: string } | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const [stale, setStale] = useState<{ startedFrom: Farm; theirs?: Farm; loading: boolean } | undefined>();
  const [saving, setSaving] = useState(false);
  const me = useMe(signedIn);
  // The environment's policies, checked live; their violations sit under the fields they name
  // (the schema's own errors, when there are any, come first).
  const policyCheck = usePolicyCheck(environmentId, draft ? toSpecInput(draft) : undefined);
  const shownErrors = { ...errorsFromViolations(policyCheck.violations), ...errors };
  const readOnly = editing
    ? denial(me.data, 'farms:update', environmentId, base?.farm)
    : denial(me.data, 'farms:create', environmentId);

  useEffect(() => {
    if (farm.data && !base) {
      setBase({ farm: farm.data.data, etag: farm.data.etag ?? `"${farm.data.data.version}"` });
      setDraft(farmDraft(farm.data.data));
    }
  }, [farm.data, base]);

  // Once the user has tried to save, errors follow the edits (fixing a field clears its error).
  function change(next: FarmDraft) {
    setDraft(next);
    if (submitted) setErrors(validate(next));
  }

  function addFarmRole() {
    if (!draft) return;
    const platform =
      credentials.data?.some((c) => c.platform === 'aws') || !credentials.data?.length ? 'aws' : 'gce';
    const used = new Set(draft.farmRoles.map((fr) => fr.alias));
    const alias =
      ['web', 'app', 'worker', 'db'].find((a) => !used.has(a)) ?? `role-${draft.farmRoles.length + 1}`;
    const order = draft.farmRoles.reduce((max, fr) => Math.max(max, Number(fr.launchOrder) || 0), -1) + 1;
    const farmRole = emptyFarmRole(platform, alias, order);
    farmRole.credentialsId = credentials.data?.find((c) => c.platform === platform)?.id ?? '';
    change({ ...draft, farmRoles: [...draft.farmRoles, farmRole] });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft || saving) return;
    setSubmitted(true);
    setProblem(undefined);
    const found = validate(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError();
      return;
    }
    setSaving(true);
    try {
      const spec = toSpecInput(draft);
      const saved =
        editing && base
          ? await api.updateFarm(base.farm.id, spec, base.etag)
          : await api.createFarm(environmentId!, spec);
      router.push(farmHref(saved.data.id));
    } catch (error) {
      const failure = error instanceof ApiProblem ? error : ApiProblem.network(error);
      if (failure.stale && base) setStale({ startedFrom: base.farm, loading: false });
      else {
        setProblem(failure);
        setErrors({ ...errorsFromIssues(failure.issues), ...errorsFromViolations(failure.violations) });
        focusFirstError();
      }
      setSaving(false);
    }
  }

  /** 412: fetch the farm as it is now and put the user's edits on top of it (they stay on screen). */
  async function reloadKeepingEdits() {
    if (!base) return;
    setStale((s) => s && { ...s, loading: true });
    try {
      const latest = await api.getFarm(base.farm.id);
      setStale((s) => s && { ...s, theirs: latest.data, loading: false });
      setBase({ farm: latest.data, etag: latest.etag ?? `"${latest.data.version}"` });
    } catch (error) {
      setStale(undefined);
      setProblem(error instanceof ApiProblem ? error : ApiProblem.network(error));
    }
  }

  function discardEdits() {
    if (!stale?.theirs) return;
    setDraft(farmDraft(stale.theirs));
    setStale(undefined);
    setErrors({});
  }

  const title = editing ? `Edit ${base?.farm.name ?? 'farm'}` : 'New farm';
  const ready = Boolean(draft) && (editing ? Boolean(base) : Boolean(environmentId));
  const errorCount = Object.keys(errors).length;

  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <p className="breadcrumb">
          {editing && farmId ? <Link href={farmHref(farmId)}>← Farm</Link> : <Link href="/">← Farms</Link>}
        </p>
        <PageHeading
          title={title}
          lede={
            editing
              ? 'Changes apply to the running farm at its next reconcile.'
              : env.current
                ? `In environment ${env.current.name}. The farm stays Terminated until you launch it.`
                : '\u00a0'
          }
        />

        {farm.error && <ProblemNotice problem={farm.error} onRetry={farm.reload} />}
        {stale && (
          <StaleEditNotice
            startedFrom={stale.startedFrom}
            theirs={stale.theirs}
            loading={stale.loading}
            onReload={reloadKeepingEdits}
            onDiscard={discardEdits}
          />
        )}
        <PermissionNote reason={readOnly} />
        {problem && <ProblemNotice problem={problem} />}
        {policyCheck.violations.length > 0 && (
          <div className="notice notice-warn policy-check" role="status" aria-live="polite">
            <p className="notice-title">
              {policyCheck.violations.length === 1
                ? "This farm breaks one of the environment's policies"
                : `This farm breaks ${policyCheck.violations.length} rules of the environment's policies`}
              : it cannot be saved until it follows them.
            </p>
            <ul className="notice-issues">
              {policyCheck.violations.map((v) => (
                <li key={`${v.policyId}:${v.path}:${v.message}`}>
                  <code>{v.path}</code> {explainViolation(v)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {submitted && errorCount > 0 && !problem && (
          <div className="notice notice-error" role="alert">
            <p className="notice-title">
              {errorCount === 1 ? 'One field needs' : `${errorCount} fields need`} attention before saving.
            </p>
          </div>
        )}

        {!ready || !draft ? (
          <div className="panel form-placeholder" aria-busy="true" />
        ) : (
          <form className="farm-form" onSubmit={onSubmit} noValidate aria-label={title}>
            <section className="panel form-section" aria-labelledby="farm-basics">
              <h2 id="farm-basics">Farm</h2>
              <div className="form-grid">
                <TextField
                  id="farm-name"
                  label="Name"
                  error={errorAt(shownErrors, 'name')}
                  value={draft.name}
                  onChange={(value) => change({ ...draft, name: value })}
                />
                <TextField
                  id="farm-lease"
                  label="Lease expires"
                  error={errorAt(shownErrors, 'leaseExpiresAt')}
                  hint="Empty: never. The farm is terminated then."
                  type="datetime-local"
                  value={draft.leaseExpiresAt}
                  onChange={(value) => change({ ...draft, leaseExpiresAt: value })}
                />
              </div>
              <FormField id="farm-description" label="Description" error={errorAt(errors, 'description')}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={2}
                    value={draft.description}
                    onChange={(e) => change({ ...draft, description: e.target.value })}
                  />
                )}
              </FormField>
            </section>

            <section aria-labelledby="farm-roles-heading">
              <h2 id="farm-roles-heading">
                Farm roles <span className="count">{draft.farmRoles.length}</span>
              </h2>
              <p className="field-error">{shownErrors.farmRoles ?? ''}</p>
              {draft.farmRoles.length === 0 && (
                <p className="empty panel">No farm roles yet: add one to say what runs where.</p>
              )}
              {draft.farmRoles.map((fr, i) => (
                <FarmRoleEditor
                  key={fr.key}
                  index={i}
                  draft={fr}
                  environmentId={environmentId}
                  roles={roles.data}
                  credentials={credentials.data}
                  errors={shownErrors}
                  onChange={(next) =>
                    change({ ...draft, farmRoles: draft.farmRoles.map((x, j) => (j === i ? next : x)) })
                  }
                  onRemove={() => change({ ...draft, farmRoles: draft.farmRoles.filter((_, j) => j !== i) })}
                />
              ))}
              <button type="button" className="button button-secondary" onClick={addFarmRole}>
                Add farm role
              </button>
            </section>

            <div className="form-actions">
              <button
                type="submit"
                className="button button-primary"
                disabled={saving || stale?.loading || Boolean(readOnly)}
              >
                {saving ? 'Saving…' : editing ? 'Save changes' : 'Create farm'}
              </button>
              <Link className="button button-secondary" href={editing && farmId ? farmHref(farmId) : '/'}>
                Cancel
              </Link>
            </div>
          </form>
        )}
        {editing && <FarmVariablesSection farm={base?.farm} me={me.data} />}
      </main>
    </>
  );
}

function focusFirstError() {
  // After React has drawn the errors.
  window.setTimeout(() => {
    const field = document.querySelector<HTMLElement>('.farm-form [aria-invalid="true"]');
    field?.focus();
  }, 0);
}
