'use client';
// The farm's lease on its page: when it ends, how long is left (in the warning style once inside
// the farm-lease policy's warning window, when the reconciler has published LeaseExpiring), the
// farm's lease extension requests with their state, and "Request extension" for those who may
// update the farm. Admins answer the requests on the Policies page.
import './farm-lease.css';
import { useState } from 'react';
import { leasePhase, leaseRuleFor } from '../../../functions/domain/policies/lease';
import { LeaseExtensionInput } from '../../../functions/domain/schemas/policy';
import { TextAreaField, TextField } from '../../components/form-field';
import { ModalDialog } from '../../components/modal-dialog';
import { ProblemNotice } from '../../components/problem-notice';
import { TimeAgo } from '../../components/time-ago';
import type { Farm } from '../../lib/api-client';
import { ApiProblem } from '../../lib/api-problem';
import { errorsFromIssues, errorsFromZod, type FieldErrors } from '../../lib/field-errors';
import { exactTime } from '../../lib/format-time';
import { denial, type MeView, may } from '../../lib/me-permissions';
import { type LeaseExtension, policyApi } from '../../lib/policy-api';
import { useApi } from '../../lib/use-api';

/** FarmLeaseRule's default warning window, for a lease the owner set without a policy. */
const DEFAULT_WARN_HOURS = 24;
const DEFAULT_HOURS = '24';

/** "2 d 3 h left", "45 min left", "ended": the lease at a glance; the exact time sits beside it. */
export function timeLeft(leaseExpiresAt: string, now = Date.now()): string {
  const minutes = Math.floor((Date.parse(leaseExpiresAt) - now) / 60_000);
  if (minutes <= 0) return 'ended';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} d ${hours} h left`;
  if (hours > 0) return `${hours} h ${minutes % 60} min left`;
  return `${minutes} min left`;
}

export function FarmLease({
  farm,
  me,
  onChanged,
}: {
  farm: Farm;
  me: MeView | undefined;
  /** A request was made (the farm may be re-read). */
  onChanged: () => void;
}) {
  const requests = useApi(`farm-lease-requests:${farm.id}`, (signal) =>
    policyApi.leaseExtensions(farm.id, signal),
  );
  const { rule, warnHours } = useLeaseRule(farm, me);
  const phase = leasePhase(farm.leaseExpiresAt, warnHours, new Date());
  const [asking, setAsking] = useState(false);
  const [asked, setAsked] = useState(false);
  // Shown once /me says so, so the button never appears and then vanishes.
  const mayAsk = me !== undefined && may(me, 'farms:update', farm.environmentId, farm);
  const why = me !== undefined ? denial(me, 'farms:update', farm.environmentId, farm) : undefined;
  const items = requests.data ?? [];
  if (!farm.leaseExpiresAt && items.length === 0) return null;
  const nameOf = (userId: string) => (userId === me?.user.id ? 'you' : userId);

  return (
    <section aria-labelledby="lease-heading" className="farm-lease">
      <div className="section-heading">
        <h2 id="lease-heading">Lease</h2>
        {mayAsk && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setAsked(false);
              setAsking(true);
            }}
          >
            Request extension
          </button>
        )}
      </div>
      <LeaseState farm={farm} phase={phase} warnHours={warnHours} rule={rule} />
      {!mayAsk && why && <p className="muted">{why}</p>}
      <p className="notice notice-ok" role="status" hidden={!asked}>
        {asked && 'Request sent: an administrator approves or denies it on the Policies page.'}
      </p>
      {requests.error && <ProblemNotice problem={requests.error} onRetry={requests.reload} />}
      {items.length > 0 && (
        <ul className="lease-requests" aria-label="Lease extension requests">
          {items.map((r) => (
            <LeaseRequestItem key={r.id} request={r} nameOf={nameOf} />
          ))}
        </ul>
      )}
      <RequestExtensionDialog
        open={asking}
        farm={farm}
        onClose={() => setAsking(false)}
        onRequested={() => {
          setAsking(false);
          setAsked(true);
          requests.reload();
          onChanged();
        }}
      />
    </section>
  );
}

// Which policy's lease rule applies, and its warning window.
function useLeaseRule(farm: Farm, me: MeView | undefined) {
  // The warning window is the policy's; reading policies is optional (policies:view), so without
  // them the default window applies, as it does for the reconciler when the owner set the lease.
  const readPolicies = me !== undefined && may(me, 'policies:view', farm.environmentId);
  const policies = useApi(readPolicies ? `policies:${farm.environmentId}` : null, (signal) =>
    policyApi.allPolicies(farm.environmentId, signal),
  );
  const rule = policies.data
    ? leaseRuleFor(
        policies.data,
        farm.farmRoles.map((fr) => fr.platform),
      )
    : undefined;
  const warnHours = rule?.warnBeforeHours ?? DEFAULT_WARN_HOURS;
  return { rule, warnHours };
}

// When the lease ends and how long is left, in the warning style inside the warning window.
function LeaseState({
  farm,
  phase,
  warnHours,
  rule,
}: {
  farm: Farm;
  phase: ReturnType<typeof leasePhase>;
  warnHours: number;
  rule: ReturnType<typeof leaseRuleFor>;
}) {
  if (!farm.leaseExpiresAt) return <p className="muted">This farm has no lease now.</p>;
  return (
    <p
      className={`notice lease-state ${phase === 'running' ? '' : 'notice-warn'}`}
      data-phase={phase}
      role={phase === 'warning' ? 'status' : undefined}
    >
      <strong>{timeLeft(farm.leaseExpiresAt)}</strong>: the lease ends{' '}
      <time dateTime={farm.leaseExpiresAt}>{exactTime(farm.leaseExpiresAt)}</time>, and a running farm is
      terminated then
      {phase === 'warning' && ` (inside the ${warnHours} h warning window: ask for more time now)`}
      {rule && <span className="muted"> · policy {rule.policy.name}</span>}
    </p>
  );
}

function LeaseRequestItem({
  request: r,
  nameOf,
}: {
  request: LeaseExtension;
  nameOf: (userId: string) => string;
}) {
  const badge = r.status === 'approved' ? 'badge-ok' : r.status === 'denied' ? 'badge-off' : 'badge-warn';
  return (
    <li className="panel lease-request" data-request={r.id}>
      <p>
        {r.hours} more hours, asked by {nameOf(r.requestedBy)} <TimeAgo iso={r.createdAt} />{' '}
        <span className={`badge ${badge}`}>{r.status}</span>
      </p>
      <p className="muted">“{r.reason}”</p>
      {r.status === 'approved' && r.newLeaseExpiresAt && (
        <p className="muted">Lease moved to {exactTime(r.newLeaseExpiresAt)}</p>
      )}
    </li>
  );
}

function RequestExtensionDialog({
  open,
  farm,
  onRequested,
  onClose,
}: {
  open: boolean;
  farm: Farm;
  onRequested: () => void;
  onClose: () => void;
}) {
  const [hours, setHours] = useState(DEFAULT_HOURS);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);

  async function send() {
    setProblem(undefined);
    // The API's own schema first, so a missing reason is said without a round trip.
    const parsed = LeaseExtensionInput.safeParse({
      hours: hours.trim() === '' ? NaN : Number(hours),
      reason,
    });
    if (!parsed.success) {
      setErrors(errorsFromZod(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await policyApi.requestLeaseExtension(farm.id, parsed.data);
      setReason('');
      setHours(DEFAULT_HOURS);
      onRequested();
    } catch (error) {
      const failure = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setProblem(failure);
      setErrors(errorsFromIssues(failure.issues));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ModalDialog
      open={open}
      className="lease-dialog"
      titleId="lease-dialog-title"
      onSubmit={send}
      onClose={onClose}
    >
      <h2 id="lease-dialog-title">Request a longer lease for {farm.name}</h2>
      <div className="dialog-body">
        {problem && <ProblemNotice problem={problem} />}
        <TextField
          id="lease-hours"
          label="More hours"
          hint="Added to the current lease (or to now, if later) when approved"
          type="number"
          inputMode="numeric"
          min={1}
          error={errors.hours}
          value={hours}
          onChange={setHours}
        />
        <TextAreaField
          id="lease-reason"
          label="Reason"
          error={errors.reason}
          rows={3}
          value={reason}
          onChange={setReason}
        />
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Sending…' : 'Send request'}
        </button>
      </div>
    </ModalDialog>
  );
}
