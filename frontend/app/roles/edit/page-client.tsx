'use client';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { RoleInput } from '../../../../functions/domain/schemas/role';
import { AppHeader } from '../../../components/app-header';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { CheckField, FormField, TextField } from '../../../components/form-field';
import { PageHeading } from '../../../components/page-heading';
import { ProblemNotice } from '../../../components/problem-notice';
import { api, type Role } from '../../../lib/api-client';
import { ApiProblem } from '../../../lib/api-problem';
import { errorAt, errorsFromIssues, errorsFromZod, type FieldErrors } from '../../../lib/field-errors';
import {
  emptyImage,
  emptyRole,
  type ImageDraft,
  type RoleDraft,
  roleDraft,
  toRoleInput,
} from '../../../lib/role-draft';
import { useApi } from '../../../lib/use-api';
import { useEnvironment } from '../../../lib/use-environment';
import { useSession } from '../../../lib/use-session';

export function RoleEditPageClient({ roleId }: { roleId?: string | null }) {
  return roleId === undefined ? <FromQuery /> : <RoleEditor roleId={roleId} />;
}

function FromQuery() {
  return <RoleEditor roleId={useSearchParams().get('id') ?? ''} />;
}

function RoleEditor({ roleId }: { roleId: string | null }) {
  const router = useRouter();
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const editing = Boolean(roleId);
  const env = useEnvironment(signedIn);
  const loaded = useApi(signedIn && roleId ? `role:${roleId}` : null, (signal) =>
    api.getRole(roleId!, signal),
  );
  const [base, setBase] = useState<{ role: Role; etag: string }>();
  const [draft, setDraft] = useState<RoleDraft | undefined>(roleId === '' ? emptyRole() : undefined);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const [saving, setSaving] = useState(false);
  const [askDelete, setAskDelete] = useState(false);

  useEffect(() => {
    if (loaded.data && !base) {
      setBase({ role: loaded.data.data, etag: loaded.data.etag ?? `"${loaded.data.data.version}"` });
      setDraft(roleDraft(loaded.data.data));
    }
  }, [loaded.data, base]);

  const environmentId = base
    ? (base.role.environmentId ?? env.current?.id ?? null)
    : (env.current?.id ?? null);
  const validate = (d: RoleDraft) => {
    const parsed = RoleInput.safeParse(toRoleInput(d, environmentId));
    return parsed.success ? {} : errorsFromZod(parsed.error);
  };
  const change = (next: RoleDraft) => {
    setDraft(next);
    if (submitted) setErrors(validate(next));
  };
  const setImage = (i: number, patch: Partial<ImageDraft>) =>
    draft &&
    change({ ...draft, images: draft.images.map((img, j) => (j === i ? { ...img, ...patch } : img)) });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) return;
    setSubmitted(true);
    setProblem(undefined);
    const found = validate(draft);
    setErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      const input = RoleInput.parse(toRoleInput(draft, environmentId));
      if (editing && base) await api.updateRole(base.role.id, input, base.etag);
      else await api.createRole(input);
      router.push('/roles/');
    } catch (error) {
      const failure = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setProblem(failure);
      setErrors(errorsFromIssues(failure.issues));
      setSaving(false);
    }
  }

  async function remove() {
    if (!base) return;
    try {
      await api.deleteRole(base.role.id, base.etag);
      router.push('/roles/');
    } catch (error) {
      setAskDelete(false);
      setProblem(error instanceof ApiProblem ? error : ApiProblem.network(error));
    }
  }

  const err = (path: string) => errorAt(errors, path);
  const title = editing ? `Edit ${base?.role.name ?? 'role'}` : 'New role';
  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <p className="breadcrumb">
          <Link href="/roles/">← Roles</Link>
        </p>
        <PageHeading
          title={title}
          lede={
            problem?.stale
              ? 'Someone changed this role since you opened it: reload to see their version.'
              : '\u00a0'
          }
        />
        {loaded.error && <ProblemNotice problem={loaded.error} onRetry={loaded.reload} />}
        {problem && <ProblemNotice problem={problem} />}
        {!draft ? (
          <div className="panel form-placeholder" aria-busy="true" />
        ) : (
          <form className="panel form-section role-form" onSubmit={onSubmit} noValidate aria-label={title}>
            <div className="form-grid">
              <TextField
                id="role-name"
                label="Name"
                error={err('name')}
                value={draft.name}
                onChange={(value) => change({ ...draft, name: value })}
              />
              <TextField
                id="role-description"
                label="Description"
                error={err('description')}
                value={draft.description}
                onChange={(value) => change({ ...draft, description: value })}
              />
              <FormField id="role-os-family" label="OS family" error={err('osFamily')}>
                {(p) => (
                  <select
                    {...p}
                    value={draft.osFamily}
                    onChange={(e) => change({ ...draft, osFamily: e.target.value as RoleDraft['osFamily'] })}
                  >
                    <option value="linux">Linux</option>
                    <option value="windows">Windows</option>
                  </select>
                )}
              </FormField>
              <TextField
                id="role-os-name"
                label="OS name"
                error={err('osName')}
                value={draft.osName}
                onChange={(value) => change({ ...draft, osName: value })}
              />
              <TextField
                id="role-default-aws"
                label="Default AWS instance type"
                error={err('defaultInstanceTypes.aws')}
                value={draft.defaultAws}
                onChange={(value) => change({ ...draft, defaultAws: value })}
              />
              <TextField
                id="role-default-gce"
                label="Default GCE machine type"
                error={err('defaultInstanceTypes.gce')}
                value={draft.defaultGce}
                onChange={(value) => change({ ...draft, defaultGce: value })}
              />
            </div>
            <CheckField
              id="role-account-wide"
              label="Usable in every environment of the account"
              checked={draft.accountWide}
              onChange={(on) => change({ ...draft, accountWide: on })}
            />

            <h2>Images</h2>
            <p className="field-error">{errors.images ?? ''}</p>
            {draft.images.map((img, i) => (
              <div className="image-row" key={img.key}>
                <FormField id={`role-image-${i}-platform`} label="Cloud" error={err(`images.${i}.platform`)}>
                  {(p) => (
                    <select
                      {...p}
                      value={img.platform}
                      onChange={(e) => setImage(i, { platform: e.target.value as ImageDraft['platform'] })}
                    >
                      <option value="aws">AWS</option>
                      <option value="gce">GCE</option>
                    </select>
                  )}
                </FormField>
                <TextField
                  id={`role-image-${i}-location`}
                  label="Region or *"
                  error={err(`images.${i}.location`)}
                  value={img.location}
                  onChange={(value) => setImage(i, { location: value })}
                />
                <TextField
                  id={`role-image-${i}-image`}
                  label="Image"
                  error={err(`images.${i}.imageId`)}
                  placeholder={img.platform === 'aws' ? 'ami-…' : 'projects/…/global/images/…'}
                  value={img.imageId}
                  onChange={(value) => setImage(i, { imageId: value })}
                />
                <button
                  type="button"
                  className="button button-quiet volume-remove"
                  onClick={() => change({ ...draft, images: draft.images.filter((_, j) => j !== i) })}
                >
                  Remove <span className="visually-hidden">image {i + 1}</span>
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => change({ ...draft, images: [...draft.images, emptyImage()] })}
            >
              Add image
            </button>
            <FormField id="role-tags" label="Tags" error={err('tags')} hint="One key=value per line">
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  value={draft.tags}
                  onChange={(e) => change({ ...draft, tags: e.target.value })}
                />
              )}
            </FormField>
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={saving}>
                {saving ? 'Saving…' : editing ? 'Save changes' : 'Create role'}
              </button>
              <Link className="button button-secondary" href="/roles/">
                Cancel
              </Link>
              {editing && (
                <button
                  type="button"
                  className="button button-quiet push-end"
                  onClick={() => setAskDelete(true)}
                >
                  Delete role
                </button>
              )}
            </div>
          </form>
        )}
        <ConfirmDialog
          open={askDelete}
          title={`Delete ${base?.role.name ?? 'role'}?`}
          confirmLabel="Delete role"
          danger
          onConfirm={remove}
          onClose={() => setAskDelete(false)}
        >
          <p>Drover refuses while a farm still uses this role.</p>
        </ConfirmDialog>
      </main>
    </>
  );
}
