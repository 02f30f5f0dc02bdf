'use client';
// The farm form's draft and its save: checked with the shared FarmSpec (the API's rules and
// paths) once the user has tried to save, then reviewed — the API's plan of the draft, what the
// reconciler will do — and only then created or updated with If-Match; on a 412 the farm as it
// is now fetched so the user's edits can stay on top of it (or be dropped). Any edit after the
// review, and any refused save, drops the review: what is saved is what was last reviewed.
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import type { FarmPlanView } from '../../../../functions/contract/farm-plan';
import { FarmSpec, type FarmSpecInput } from '../../../../functions/domain/schemas/farm';
import { farmHref } from '../../../components/farm-table';
import { api, type Farm, type Tagged } from '../../../lib/api-client';
import { ApiProblem } from '../../../lib/api-problem';
import { emptyFarm, type FarmDraft, farmDraft, toSpecInput } from '../../../lib/farm-draft';
import { errorsFromIssues, errorsFromZod, type FieldErrors } from '../../../lib/field-errors';
import { errorsFromViolations } from '../../../lib/policy-violations';

/** Runs the schema over the draft: the same rules the API applies, with the same paths. */
function validate(draft: FarmDraft): FieldErrors {
  const parsed = FarmSpec.safeParse(toSpecInput(draft));
  return parsed.success ? {} : errorsFromZod(parsed.error);
}

/** The version the edits started from, and its ETag for If-Match. */
export interface FarmBase {
  farm: Farm;
  etag: string;
}

export interface StaleSave {
  startedFrom: Farm;
  theirs?: Farm;
  loading: boolean;
}

const baseOf = (tagged: Tagged<Farm>): FarmBase => ({
  farm: tagged.data,
  etag: tagged.etag ?? `"${tagged.data.version}"`,
});

function focusFirstError() {
  // After React has drawn the errors.
  window.setTimeout(() => {
    const field = document.querySelector<HTMLElement>('.farm-form [aria-invalid="true"]');
    field?.focus();
  }, 0);
}

/** The 412 path: fetch the farm as it is now (the user's edits stay on screen), or drop the edits. */
function useStaleSave(base: FarmBase | undefined, setBase: (base: FarmBase) => void) {
  const [stale, setStale] = useState<StaleSave>();
  async function reloadKeepingEdits(onProblem: (problem: ApiProblem) => void) {
    if (!base) return;
    setStale((s) => s && { ...s, loading: true });
    try {
      const latest = await api.getFarm(base.farm.id);
      setStale((s) => s && { ...s, theirs: latest.data, loading: false });
      setBase(baseOf(latest));
    } catch (error) {
      setStale(undefined);
      onProblem(error instanceof ApiProblem ? error : ApiProblem.network(error));
    }
  }
  return { stale, setStale, reloadKeepingEdits };
}

/** The submit's step: the plan of the draft when it has not been reviewed, else the save (If-Match on the base). */
async function reviewOrSave(
  spec: FarmSpecInput,
  review: FarmPlanView | undefined,
  base: FarmBase | undefined,
  environmentId: string | undefined,
): Promise<{ plan: FarmPlanView } | { saved: Tagged<Farm> }> {
  if (!review)
    return {
      plan: await api.planFarm(base ? { farmId: base.farm.id } : { environmentId: environmentId! }, spec),
    };
  const saved = base
    ? await api.updateFarm(base.farm.id, spec, base.etag)
    : await api.createFarm(environmentId!, spec);
  return { saved };
}

export function useFarmSave(farmId: string | null, loaded: Tagged<Farm> | undefined, environmentId?: string) {
  const router = useRouter();
  const editing = Boolean(farmId);
  const [draft, setDraft] = useState<FarmDraft | undefined>(farmId === '' ? emptyFarm() : undefined);
  const [base, setBase] = useState<FarmBase>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const [saving, setSaving] = useState(false);
  const [review, setReview] = useState<FarmPlanView>();
  const { stale, setStale, reloadKeepingEdits } = useStaleSave(base, setBase);

  useEffect(() => {
    if (loaded && !base) {
      setBase(baseOf(loaded));
      setDraft(farmDraft(loaded.data));
    }
  }, [loaded, base]);

  // Once the user has tried to save, errors follow the edits (fixing a field clears its error).
  function change(next: FarmDraft) {
    setDraft(next);
    setReview(undefined);
    if (submitted) setErrors(validate(next));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft || saving) return;
    setSubmitted(true);
    setProblem(undefined);
    const found = validate(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstError();
    setSaving(true);
    try {
      const step = await reviewOrSave(toSpecInput(draft), review, editing ? base : undefined, environmentId);
      if ('saved' in step) return router.push(farmHref(step.saved.data.id));
      setReview(step.plan);
      setSaving(false);
    } catch (error) {
      const failure = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setReview(undefined);
      if (failure.stale && base) setStale({ startedFrom: base.farm, loading: false });
      else {
        setProblem(failure);
        setErrors({ ...errorsFromIssues(failure.issues), ...errorsFromViolations(failure.violations) });
        focusFirstError();
      }
      setSaving(false);
    }
  }

  function discardEdits() {
    if (!stale?.theirs) return;
    setDraft(farmDraft(stale.theirs));
    setStale(undefined);
    setErrors({});
  }

  return {
    draft,
    base,
    errors,
    submitted,
    problem,
    saving,
    stale,
    review,
    backToEditing: () => setReview(undefined),
    change,
    onSubmit,
    reloadKeepingEdits: () => reloadKeepingEdits(setProblem),
    discardEdits,
  };
}
