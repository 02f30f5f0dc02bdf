'use client';
// A script's saved versions, newest first, and the body of the one chosen (read-only): every
// save is kept, so a rule pinned to an old version runs exactly what this shows.
import { type Column, DataTable, RowButton } from '../../../components/data-table';
import { ProblemNotice } from '../../../components/problem-notice';
import { TimeAgo } from '../../../components/time-ago';
import { orchestrationApi, type ScriptVersion } from '../../../lib/orchestration-api';
import { useApi } from '../../../lib/use-api';

export function ScriptVersions({
  versions,
  latest,
  chosen,
  onChoose,
}: {
  versions: ScriptVersion[] | undefined;
  latest: number | undefined;
  chosen: number | undefined;
  onChoose: (number: number | undefined) => void;
}) {
  const columns: Column<ScriptVersion>[] = [
    {
      header: 'Version',
      cell: (v) => (
        <>
          v{v.number}
          {v.number === latest && <span className="badge badge-ok">latest</span>}
        </>
      ),
    },
    {
      header: 'Saved',
      cell: (v) => (
        <>
          <TimeAgo iso={v.createdAt} />
          <span className="row-note mono">{v.createdBy}</span>
        </>
      ),
    },
  ];
  return (
    <DataTable
      className="orch-table version-table"
      label="Versions"
      align="middle"
      rows={versions}
      rowKey={(v) => v.number}
      rowAttributes={(v) => ({ 'aria-current': v.number === chosen ? 'true' : undefined })}
      columns={columns}
      actions={(v) => (
        <RowButton
          aria-pressed={v.number === chosen}
          onClick={() => onChoose(v.number === chosen ? undefined : v.number)}
        >
          {v.number === chosen ? 'Hide' : 'View'} <span className="visually-hidden">version {v.number}</span>
        </RowButton>
      )}
    />
  );
}

export function ScriptVersionBody({ scriptId, number }: { scriptId: string; number: number }) {
  const version = useApi(`script-version:${scriptId}:${number}`, (signal) =>
    orchestrationApi.getScriptVersion(scriptId, number, signal),
  );
  return (
    <section className="panel version-view" aria-labelledby="version-view-heading">
      <h3 id="version-view-heading">
        Version {number}
        {version.data && (
          <span className="muted">
            {' '}
            · {version.data.interpreterHint} · saved <TimeAgo iso={version.data.createdAt} />
          </span>
        )}
      </h3>
      {version.error && <ProblemNotice problem={version.error} onRetry={version.reload} />}
      <pre className="output mono" aria-busy={!version.data}>
        {version.data?.body ?? ' '}
      </pre>
    </section>
  );
}
