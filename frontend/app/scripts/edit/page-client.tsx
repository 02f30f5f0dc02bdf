'use client';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { AppHeader } from '../../../components/app-header';
import { ExecutionTable } from '../../../components/execution-table';
import { PageHeading } from '../../../components/page-heading';
import { ProblemNotice } from '../../../components/problem-notice';
import { isAccountAdmin } from '../../../lib/me-permissions';
import { orchestrationApi } from '../../../lib/orchestration-api';
import { useApi } from '../../../lib/use-api';
import { useMe } from '../../../lib/use-me';
import { useSession } from '../../../lib/use-session';
import { scriptHref } from '../script-table';
import { ScriptForm } from './script-form';
import { ScriptVersionBody, ScriptVersions } from './script-versions';

const RECENT_RUNS = 10;
const RUNS_REFRESH_MS = 5000;

/** `scriptId`: null renders the loading page (the static fallback); undefined reads `?id=`. */
export function ScriptEditPageClient({ scriptId }: { scriptId?: string | null }) {
  return scriptId === undefined ? (
    <FromQuery />
  ) : (
    <ScriptEditor scriptId={scriptId} version={undefined} savedVersion={undefined} />
  );
}

function FromQuery() {
  const params = useSearchParams();
  const version = Number(params.get('version'));
  const saved = Number(params.get('saved'));
  return (
    <ScriptEditor
      scriptId={params.get('id') ?? ''}
      version={Number.isInteger(version) && version > 0 ? version : undefined}
      savedVersion={Number.isInteger(saved) && saved > 0 ? saved : undefined}
    />
  );
}

// The script, its versions and its recent runs (these refreshed while the page is open); null reads nothing.
function useScriptReads(scriptId: string | null) {
  const script = useApi(scriptId ? `script:${scriptId}` : null, (signal) =>
    orchestrationApi.getScript(scriptId!, signal),
  );
  const versions = useApi(scriptId ? `script-versions:${scriptId}` : null, (signal) =>
    orchestrationApi.allScriptVersions(scriptId!, signal),
  );
  const runs = useApi(
    scriptId ? `script-runs:${scriptId}` : null,
    (signal) => orchestrationApi.listScriptExecutions(scriptId!, { limit: RECENT_RUNS }, signal),
    { refreshMs: RUNS_REFRESH_MS },
  );
  return { script, versions, runs };
}

type ScriptReads = ReturnType<typeof useScriptReads>;

// Beside the form of a saved script: its versions (one may be chosen to read) and its recent runs.
function ScriptHistory({
  scriptId,
  scriptName,
  latest,
  chosen,
  onChoose,
  versions,
  runs,
}: {
  scriptId: string;
  scriptName: string | undefined;
  latest: number | undefined;
  chosen: number | undefined;
  onChoose: (number: number | undefined) => void;
  versions: ScriptReads['versions'];
  runs: ScriptReads['runs'];
}) {
  return (
    <div className="script-history">
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">
          Versions {versions.data && <span className="count">{versions.data.length}</span>}
        </h2>
        {versions.error && <ProblemNotice problem={versions.error} onRetry={versions.reload} />}
        <div className="panel orch-panel">
          <ScriptVersions versions={versions.data} latest={latest} chosen={chosen} onChoose={onChoose} />
        </div>
        {chosen !== undefined && <ScriptVersionBody scriptId={scriptId} number={chosen} />}
      </section>
      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">Recent runs</h2>
        {runs.error && !runs.data && <ProblemNotice problem={runs.error} onRetry={runs.reload} />}
        <div className="panel orch-panel">
          <ExecutionTable
            executions={runs.data?.items}
            label={`Recent runs of ${scriptName ?? 'the script'}`}
            empty="Not run yet."
          />
        </div>
      </section>
    </div>
  );
}

/** `savedVersion`: the script was just created (`&saved=1`): say so once it has loaded. */
function ScriptEditor({
  scriptId,
  version,
  savedVersion,
}: {
  scriptId: string | null;
  version: number | undefined;
  savedVersion: number | undefined;
}) {
  const router = useRouter();
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const editing = Boolean(scriptId);
  const me = useMe(signedIn);
  const { script, versions, runs } = useScriptReads(signedIn ? scriptId : null);
  const [saveNotice, setNotice] = useState<string>();
  const mayManage = isAccountAdmin(me.data);
  const current = script.data;
  // A create navigates to the new script's URL, which may remount this page: the notice rides in the URL.
  const notice =
    saveNotice ?? (savedVersion && current ? `Saved ${current.name} as version ${savedVersion}.` : undefined);

  const choose = (number: number | undefined) =>
    router.replace(number ? `${scriptHref(scriptId!)}&version=${number}` : scriptHref(scriptId!), {
      scroll: false,
    });

  const title = editing ? (current?.name ?? 'Script') : 'New script';
  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <p className="breadcrumb">
          <Link href="/scripts/">← Scripts</Link>
        </p>
        <PageHeading
          title={title}
          lede={
            current
              ? `Version ${current.latestVersion}: every save keeps the last one and adds a new version.`
              : editing
                ? '\u00a0'
                : 'Write a script, then run it on an event with an orchestration rule.'
          }
        />
        {script.error && <ProblemNotice problem={script.error} onRetry={script.reload} />}
        <p className="notice notice-ok" role="status" hidden={!notice}>
          {notice}
        </p>
        {(!editing || current) && (
          <ScriptForm
            key={current ? `${current.id}:${current.version}` : 'new'}
            editing={current}
            readOnly={Boolean(me.data) && !mayManage}
            onCancel={() => router.push('/scripts/')}
            onSaved={(saved) => {
              setNotice(`Saved ${saved.name} as version ${saved.latestVersion}.`);
              if (!editing) router.replace(`${scriptHref(saved.id)}&saved=${saved.latestVersion}`);
              else {
                script.reload();
                versions.reload();
              }
            }}
          />
        )}
        {editing && scriptId && (
          <ScriptHistory
            scriptId={scriptId}
            scriptName={current?.name}
            latest={current?.latestVersion}
            chosen={version}
            onChoose={choose}
            versions={versions}
            runs={runs}
          />
        )}
      </main>
    </>
  );
}
