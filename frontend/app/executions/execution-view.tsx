'use client';
// One execution: what ran (script version, rule, event, server), how it ended (status, exit
// code, timed out, duration) and its output — stdout and stderr in monospace with whitespace
// kept, scrolled to the tail as it grows. Refreshed every second while queued or running.
import Link from 'next/link';
import { type ReactNode, useEffect, useRef } from 'react';
import { ExecutionStatusBadge, exitLabel, formatDuration } from '../../components/execution-table';
import { PageHeading } from '../../components/page-heading';
import { ProblemNotice } from '../../components/problem-notice';
import { TimeAgo } from '../../components/time-ago';
import { api } from '../../lib/api-client';
import { type Execution, orchestrationApi } from '../../lib/orchestration-api';
import { useApi } from '../../lib/use-api';

const LIVE_REFRESH_MS = 1000;
const OPEN = new Set(['queued', 'running']);

function Output({ title, text, id }: { title: string; text: string; id: string }) {
  const ref = useRef<HTMLPreElement>(null);
  // Follow the tail like `tail -f`, unless the reader scrolled up to read something.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `text` is what grew; the effect reads the DOM
  useEffect(() => {
    const pre = ref.current;
    if (!pre) return;
    const nearEnd = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 48;
    if (nearEnd || pre.dataset.seen !== 'yes') pre.scrollTop = pre.scrollHeight;
    pre.dataset.seen = 'yes';
  }, [text]);
  return (
    <section className="output-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <pre ref={ref} id={id} className="output mono">
        {text || <span className="muted">(empty)</span>}
      </pre>
    </section>
  );
}

// The execution, read again every second while it is queued or running and the tab is visible.
function useLiveExecution(executionId: string, signedIn: boolean) {
  const execution = useApi(signedIn ? `execution:${executionId}` : null, (signal) =>
    orchestrationApi.getExecution(executionId, signal),
  );
  const e = execution.data;
  const live = !e || OPEN.has(e.status);
  const reload = execution.reload;
  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, LIVE_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [live, reload]);
  return execution;
}

function Fact({ term, mono, children }: { term: string; mono?: boolean; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </div>
  );
}

function ExecutionFacts({ execution: e }: { execution: Execution }) {
  return (
    <dl className="facts" aria-live="polite">
      <Fact term="Status">{e.status}</Fact>
      <Fact term="Exit code" mono>
        {exitLabel(e)}
      </Fact>
      <Fact term="Duration">{formatDuration(e.durationMs)}</Fact>
      <Fact term="Started">
        <TimeAgo iso={e.startedAt} />
      </Fact>
      <Fact term="Ended">
        <TimeAgo iso={e.endedAt} />
      </Fact>
      <Fact term="Timeout">{e.timeoutSeconds} s</Fact>
    </dl>
  );
}

export function ExecutionView({ executionId, signedIn }: { executionId: string; signedIn: boolean }) {
  const execution = useLiveExecution(executionId, signedIn);
  const e = execution.data;
  const servers = useApi(e ? `servers:${e.farmId}` : null, (signal) => api.listServers(e!.farmId, signal));
  const farm = useApi(e ? `farm:${e.farmId}` : null, (signal) => api.getFarm(e!.farmId, signal));
  const server = servers.data?.find((s) => s.id === e?.serverId);
  const serverName = server ? `${server.farmRoleAlias} #${server.index}` : e?.serverId;
  const farmHref = e ? `/farm/?id=${encodeURIComponent(e.farmId)}` : '/';
  const serverHref = e
    ? `/executions/?farmId=${encodeURIComponent(e.farmId)}&serverId=${encodeURIComponent(e.serverId)}`
    : '/';

  return (
    <>
      <p className="breadcrumb">
        <Link href={farmHref}>← {farm.data?.data.name ?? 'Farm'}</Link>
      </p>
      <PageHeading
        title={e ? `${e.scriptName} v${e.scriptVersion} on ${serverName}` : 'Execution'}
        lede={e ? `${e.eventName} · ${e.blocking ? 'blocking' : 'in background'} · as ${e.runAs}` : '\u00a0'}
        actions={
          e && (
            <div className="status-line">
              <ExecutionStatusBadge status={e.status} />
            </div>
          )
        }
      />
      {execution.error && <ProblemNotice problem={execution.error} onRetry={execution.reload} />}
      {e && (
        <>
          <ExecutionFacts execution={e} />
          <p className="execution-links">
            <Link href={serverHref}>Every execution on {serverName}</Link>
            {' · '}
            <Link href={`/scripts/edit/?id=${encodeURIComponent(e.scriptId)}&version=${e.scriptVersion}`}>
              Script version {e.scriptVersion}
            </Link>
            {e.abortOnFailure && <span className="muted"> · a failure aborts the server&apos;s launch</span>}
          </p>
          <Output title="stdout" id="execution-stdout" text={e.stdoutTail} />
          <Output title="stderr" id="execution-stderr" text={e.stderrTail} />
          <p className="muted output-note">The last 64 KiB of each stream are kept.</p>
        </>
      )}
    </>
  );
}
