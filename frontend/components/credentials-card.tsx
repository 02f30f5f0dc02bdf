'use client';
// One set of cloud credentials: what identifies it (never its secret, only that one is set),
// a "Test connection" that asks the cloud, and delete (refused by the API while a farm uses it).
import { useState } from 'react';
import { api, type CloudCredentials, type ConnectionTestResult } from '../lib/api-client';
import { ApiProblem } from '../lib/api-problem';
import { ConfirmDialog } from './confirm-dialog';
import { OpenStackIdentity } from './openstack-identity';
import { ProblemNotice } from './problem-notice';
import { TimeAgo } from './time-ago';
import './farm-role-details.css';
import './credentials-card.css';

const PLATFORM_LABEL: Record<CloudCredentials['platform'], string> = {
  aws: 'AWS EC2',
  gce: 'Google Compute Engine',
  openstack: 'OpenStack',
  cloudstack: 'Apache CloudStack',
};

function Identity({ credentials: c }: { credentials: CloudCredentials }) {
  if (c.platform === 'aws') {
    return c.auth.type === 'accessKey' ? (
      <>
        <dt>Access key</dt>
        <dd className="mono">{c.auth.accessKeyId}</dd>
        <dt>Secret</dt>
        <dd>
          <span className="badge badge-off">set</span>
        </dd>
      </>
    ) : (
      <>
        <dt>Role</dt>
        <dd className="mono">{c.auth.roleArn}</dd>
        <dt>External ID</dt>
        <dd className="mono">{c.auth.externalId}</dd>
      </>
    );
  }
  if (c.platform === 'openstack') return <OpenStackIdentity credentials={c} />;
  if (c.platform === 'cloudstack')
    return (
      <>
        <dt>API key</dt>
        <dd className="mono">{c.apiKey}</dd>
        <dt>Secret key</dt>
        <dd>
          <span className="badge badge-off">set</span>
        </dd>
      </>
    );
  return (
    <>
      <dt>Project</dt>
      <dd className="mono">{c.projectId}</dd>
      <dt>Service account</dt>
      <dd className="mono">{c.clientEmail}</dd>
      <dt>Key</dt>
      <dd>
        <span className="badge badge-off">set</span>
      </dd>
    </>
  );
}

type ConnectionTest = { running: boolean; result?: ConnectionTestResult; problem?: ApiProblem };

// "Test connection": the API asks the cloud with these credentials; the answer or the problem is kept.
function useConnectionTest(c: CloudCredentials) {
  const [test, setTest] = useState<ConnectionTest>({ running: false });

  async function runTest() {
    setTest({ running: true });
    try {
      setTest({ running: false, result: await api.testCredentials(c.environmentId, c.id) });
    } catch (error) {
      setTest({ running: false, problem: error instanceof ApiProblem ? error : ApiProblem.network(error) });
    }
  }
  return { test, runTest };
}

function TestResult({ test }: { test: ConnectionTest }) {
  return (
    <div className="test-result" aria-live="polite">
      {test.running && <span className="muted">Testing the connection…</span>}
      {test.result && (
        <p className={`notice ${test.result.ok ? 'notice-ok' : 'notice-error'}`}>
          <strong>{test.result.ok ? 'OK' : 'Failed'}</strong> · {test.result.message}{' '}
          <span className="muted">({test.result.latencyMs} ms)</span>
        </p>
      )}
      {test.problem && (
        <p className="notice notice-error">
          {test.problem.title}: {test.problem.detail}
        </p>
      )}
    </div>
  );
}

export function CredentialsCard({
  credentials: c,
  onDeleted,
  manage = true,
}: {
  credentials: CloudCredentials;
  onDeleted: () => void;
  /** False for those without credentials:manage: no test, no delete. */
  manage?: boolean;
}) {
  const { test, runTest } = useConnectionTest(c);
  const [asking, setAsking] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();

  async function remove() {
    setDeleting(true);
    setProblem(undefined);
    try {
      await api.deleteCredentials(c.environmentId, c.id);
      setAsking(false);
      onDeleted();
    } catch (error) {
      setAsking(false);
      setProblem(error instanceof ApiProblem ? error : ApiProblem.network(error));
    } finally {
      setDeleting(false);
    }
  }

  return (
    <article className="credentials-card" aria-labelledby={`cred-${c.id}`}>
      <header className="farm-role-header">
        <h3 id={`cred-${c.id}`}>{c.name}</h3>
        <span className="platform">{PLATFORM_LABEL[c.platform]}</span>
      </header>
      {c.description && <p className="muted farm-role-role">{c.description}</p>}
      <dl className="spec">
        <Identity credentials={c} />
        {c.platform !== 'openstack' && c.endpoint && (
          <>
            <dt>Endpoint</dt>
            <dd className="mono">{c.endpoint}</dd>
          </>
        )}
        <dt>Added</dt>
        <dd>
          <TimeAgo iso={c.createdAt} />
        </dd>
      </dl>
      <TestResult test={test} />
      {problem && <ProblemNotice problem={problem} />}
      <div className="actions" hidden={!manage}>
        <button type="button" className="button button-secondary" onClick={runTest} disabled={test.running}>
          Test connection <span className="visually-hidden">of {c.name}</span>
        </button>
        <button type="button" className="button button-quiet" onClick={() => setAsking(true)}>
          Delete <span className="visually-hidden">{c.name}</span>
        </button>
      </div>
      <ConfirmDialog
        open={asking}
        title={`Delete ${c.name}?`}
        confirmLabel="Delete credentials"
        danger
        busy={deleting}
        onConfirm={remove}
        onClose={() => setAsking(false)}
      >
        <p>Drover forgets these credentials and their secret. Farms that use them must be changed first.</p>
      </ConfirmDialog>
    </article>
  );
}
