'use client';
// Farm lease extension requests of an environment, for admins to approve or deny. The API lists
// them per farm, so this reads each farm's (a handful in a demo environment; an environment-wide
// list route would replace the fan-out if environments grow to hundreds of farms).
import { useState } from 'react';
import { ProblemNotice } from '../../components/problem-notice';
import { TimeAgo } from '../../components/time-ago';
import { all, api, type Farm } from '../../lib/api-client';
import { ApiProblem } from '../../lib/api-problem';
import { type LeaseExtension, policyApi } from '../../lib/policy-api';
import { useApi } from '../../lib/use-api';

interface Pending {
  farm: Farm;
  request: LeaseExtension;
}

async function pendingRequests(environmentId: string, signal: AbortSignal): Promise<Pending[]> {
  const farms = await all((page) => api.listFarms(environmentId, page, signal));
  const lists = await Promise.all(
    farms.map(async (farm) =>
      (await policyApi.leaseExtensions(farm.id, signal)).map((request) => ({ farm, request })),
    ),
  );
  return lists.flat().sort((a, b) => b.request.createdAt.localeCompare(a.request.createdAt));
}

export function LeaseRequests({
  environmentId,
  manage,
  nameOf,
}: {
  environmentId: string;
  manage: boolean;
  /** A user id in words ("you", a name), the id when unknown. */
  nameOf: (userId: string) => string;
}) {
  const requests = useApi(`lease-requests:${environmentId}`, (signal) =>
    pendingRequests(environmentId, signal),
  );
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem>();

  async function decide(request: LeaseExtension, decision: 'approve' | 'deny') {
    setBusy(request.id);
    setProblem(undefined);
    try {
      await policyApi.decideLeaseExtension(request, decision);
      requests.reload();
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : ApiProblem.network(error));
    } finally {
      setBusy(undefined);
    }
  }

  // Pending first, then the decided ones, newest first within each.
  const shown = requests.data && [
    ...requests.data.filter((r) => r.request.status === 'pending'),
    ...requests.data.filter((r) => r.request.status !== 'pending'),
  ];
  return (
    <>
      {requests.error && <ProblemNotice problem={requests.error} onRetry={requests.reload} />}
      {problem && <ProblemNotice problem={problem} />}
      {shown?.length === 0 && <p className="empty">No lease extension requests.</p>}
      {shown && shown.length > 0 && (
        <ul className="lease-requests">
          {shown.map(({ farm, request: r }) => (
            <li key={r.id} className="panel lease-request" data-request={r.id}>
              <p>
                <strong>{farm.name}</strong>: {r.hours} more hours, asked by {nameOf(r.requestedBy)}{' '}
                <TimeAgo iso={r.createdAt} />
              </p>
              <p className="muted">“{r.reason}”</p>
              {r.status === 'pending' ? (
                manage ? (
                  <div className="row-actions wrap-actions">
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={busy === r.id}
                      onClick={() => decide(r, 'approve')}
                    >
                      Approve
                    </button>
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={busy === r.id}
                      onClick={() => decide(r, 'deny')}
                    >
                      Deny
                    </button>
                  </div>
                ) : (
                  <span className="badge badge-warn">pending</span>
                )
              ) : (
                <span className={`badge ${r.status === 'approved' ? 'badge-ok' : 'badge-off'}`}>
                  {r.status}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
