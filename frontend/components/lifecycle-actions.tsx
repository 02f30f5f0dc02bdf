'use client';
// Launch / suspend / resume / terminate a farm, and its Edit link. Only the verbs that apply to
// its status are enabled; suspend and terminate ask first, because they stop or destroy servers.
// Verbs the user may not take on this farm (GET /me: permission and farm scope) are not shown;
// when none is left, a line says why.
import Link from 'next/link';
import { type ReactNode, useState } from 'react';
import type { Permission } from '../../functions/domain/access/permissions';
import { api, type LifecycleVerb } from '../lib/api-client';
import { ApiProblem } from '../lib/api-problem';
import { denial, type FarmOwnership } from '../lib/me-permissions';
import { portalApi } from '../lib/portal-client';
import { useMe } from '../lib/use-me';
import { useSession } from '../lib/use-session';
import { ConfirmDialog } from './confirm-dialog';

const APPLIES: Record<LifecycleVerb, string[]> = {
  launch: ['Terminated'],
  suspend: ['Launching', 'Running', 'Resuming'],
  resume: ['Suspended', 'Suspending'],
  terminate: ['Launching', 'Running', 'Suspending', 'Suspended', 'Resuming'],
};

const LABELS: Record<LifecycleVerb, string> = {
  launch: 'Launch',
  suspend: 'Suspend',
  resume: 'Resume',
  terminate: 'Terminate',
};

/** The permission each verb needs, as its route in the contract (functions/contract/farm-routes.ts) says. */
const needs = (verb: LifecycleVerb): Permission => portalApi[`${verb}Farm`].route.access;

const CONFIRM: Partial<Record<LifecycleVerb, (name: string) => string>> = {
  suspend: (name) => `Stop every server of ${name}? Their disks are kept and Resume starts them again.`,
  terminate: (name) =>
    `Terminate every server of ${name}? Instances and their volumes marked "delete on termination" are destroyed. The farm's spec is kept.`,
};

export function LifecycleActions({
  farmId,
  farmName,
  status,
  onDone,
  onProblem,
  farm,
  editHref,
  children,
}: {
  farmId: string;
  farmName: string;
  status: string | undefined;
  onDone: () => void;
  onProblem: (problem: ApiProblem | undefined) => void;
  /** Whose farm it is: verbs the user may not take on it are hidden. Unknown yet: all shown. */
  farm?: FarmOwnership & { environmentId: string };
  /** The farm form, linked when the user may change the farm. */
  editHref?: string;
  /** More actions for the same row. */
  children?: ReactNode;
}) {
  const [asking, setAsking] = useState<LifecycleVerb>();
  const [busy, setBusy] = useState<LifecycleVerb>();
  const me = useMe(useSession().state === 'signed-in');
  const why = (permission: Permission) =>
    farm ? denial(me.data, permission, farm.environmentId, farm) : undefined;
  const verbs = (Object.keys(LABELS) as LifecycleVerb[]).filter((verb) => !why(needs(verb)));
  const editDenied = why('farms:update');

  async function run(verb: LifecycleVerb) {
    setBusy(verb);
    onProblem(undefined);
    try {
      await api.changeFarm(farmId, verb);
      onDone();
    } catch (error) {
      onProblem(error instanceof ApiProblem ? error : ApiProblem.network(error));
    } finally {
      setBusy(undefined);
      setAsking(undefined);
    }
  }

  return (
    <div className="actions">
      {verbs.length === 0 && editDenied && <p className="muted lifecycle-denied">{why('farms:launch')}</p>}
      {verbs.map((verb) => (
        <button
          key={verb}
          type="button"
          className={`button ${verb === 'terminate' ? 'button-danger-outline' : verb === 'launch' ? 'button-primary' : 'button-secondary'}`}
          disabled={!status || !APPLIES[verb].includes(status) || busy !== undefined}
          onClick={() => (CONFIRM[verb] ? setAsking(verb) : run(verb))}
        >
          {busy === verb ? `${LABELS[verb]}…` : LABELS[verb]}
        </button>
      ))}
      {editHref && !editDenied && (
        <Link className="button button-secondary" href={editHref}>
          Edit
        </Link>
      )}
      {children}
      <ConfirmDialog
        open={asking !== undefined}
        title={asking ? `${LABELS[asking]} ${farmName}?` : ''}
        confirmLabel={asking ? `${LABELS[asking]} farm` : ''}
        danger={asking === 'terminate'}
        busy={busy !== undefined}
        onConfirm={() => asking && run(asking)}
        onClose={() => setAsking(undefined)}
      >
        <p>{asking && CONFIRM[asking]?.(farmName)}</p>
      </ConfirmDialog>
    </div>
  );
}
