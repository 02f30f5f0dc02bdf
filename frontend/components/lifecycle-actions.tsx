'use client';
// Launch / suspend / resume / terminate a farm. Only the verbs that apply to its status are
// enabled; suspend and terminate ask first, because they stop or destroy servers.
import { type ReactNode, useState } from 'react';
import { api, type LifecycleVerb } from '../lib/api-client';
import { ApiProblem } from '../lib/api-problem';
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
  children,
}: {
  farmId: string;
  farmName: string;
  status: string | undefined;
  onDone: () => void;
  onProblem: (problem: ApiProblem | undefined) => void;
  /** More actions for the same row (the page's Edit link). */
  children?: ReactNode;
}) {
  const [asking, setAsking] = useState<LifecycleVerb>();
  const [busy, setBusy] = useState<LifecycleVerb>();

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
      {(Object.keys(LABELS) as LifecycleVerb[]).map((verb) => (
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
