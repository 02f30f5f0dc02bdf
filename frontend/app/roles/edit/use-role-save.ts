'use client';
// The role form's draft, checked with the shared RoleInput once the user has tried to save; its
// create or update (If-Match), and delete. The API's 400/422 issues land under their fields.
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { RoleInput } from '../../../../functions/domain/schemas/role';
import { api, type Role, type Tagged } from '../../../lib/api-client';
import { ApiProblem } from '../../../lib/api-problem';
import { errorAt, errorsFromIssues, errorsFromZod, type FieldErrors } from '../../../lib/field-errors';
import { emptyRole, type RoleDraft, roleDraft, toRoleInput } from '../../../lib/role-draft';

const problemOf = (error: unknown) => (error instanceof ApiProblem ? error : ApiProblem.network(error));

export function useRoleSave(roleId: string | null, loaded: Tagged<Role> | undefined, currentEnv?: string) {
  const router = useRouter();
  const [base, setBase] = useState<{ role: Role; etag: string }>();
  const [draft, setDraft] = useState<RoleDraft | undefined>(roleId === '' ? emptyRole() : undefined);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (loaded && !base) {
      setBase({ role: loaded.data, etag: loaded.etag ?? `"${loaded.data.version}"` });
      setDraft(roleDraft(loaded.data));
    }
  }, [loaded, base]);

  const environmentId = base ? (base.role.environmentId ?? currentEnv ?? null) : (currentEnv ?? null);
  const validate = (d: RoleDraft) => {
    const parsed = RoleInput.safeParse(toRoleInput(d, environmentId));
    return parsed.success ? {} : errorsFromZod(parsed.error);
  };
  const change = (patch: Partial<RoleDraft>) => {
    if (!draft) return;
    const next = { ...draft, ...patch };
    setDraft(next);
    if (submitted) setErrors(validate(next));
  };

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
      if (roleId && base) await api.updateRole(base.role.id, input, base.etag);
      else await api.createRole(input);
      router.push('/roles/');
    } catch (error) {
      const failure = problemOf(error);
      setProblem(failure);
      setErrors(errorsFromIssues(failure.issues));
      setSaving(false);
    }
  }

  /** Resolves false when the API refused (its problem is then shown). */
  async function remove(): Promise<boolean> {
    if (!base) return false;
    try {
      await api.deleteRole(base.role.id, base.etag);
      router.push('/roles/');
      return true;
    } catch (error) {
      setProblem(problemOf(error));
      return false;
    }
  }

  const err = (path: string) => errorAt(errors, path);
  return { base, draft, errors, err, problem, saving, change, onSubmit, remove };
}
