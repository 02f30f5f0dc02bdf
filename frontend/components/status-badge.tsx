// Farm and convergence statuses as coloured badges. The colour is a hint only: the word is
// always written, so the badge reads the same to a screen reader and in grey scale.
type Tone = 'ok' | 'busy' | 'warn' | 'off';

const tones: Record<string, Tone> = {
  Running: 'ok',
  converged: 'ok',
  Launching: 'busy',
  Resuming: 'busy',
  Suspending: 'busy',
  Terminating: 'busy',
  converging: 'busy',
  degraded: 'warn',
  Failed: 'warn',
  Suspended: 'off',
  Terminated: 'off',
  'Never launched': 'off',
  stopped: 'off',
};

const serverTones: Record<string, Tone> = {
  Running: 'ok',
  'Pending Launch': 'busy',
  Pending: 'busy',
  Initializing: 'busy',
  'Pending Terminate': 'busy',
  Failed: 'warn',
  Suspended: 'off',
  Terminated: 'off',
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <span className={`badge badge-${tones[status] ?? 'off'}`} title={label}>
      {status}
    </span>
  );
}

/** A server's status: Failed is a warning here, not a farm's lifecycle. */
export function ServerStatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${serverTones[status] ?? 'off'}`}>{status}</span>;
}
