'use client';
// Under the sign-in form, on the local runtime only: where the demo sign-in comes from, and what it
// is. The API says which runtime it is (GET /runtime), so a deployment in AWS never shows it, and
// a failed read shows nothing: the hint is a convenience, not part of signing in.
import { getRuntimeInfo } from '../lib/runtime-info';
import { useApi } from '../lib/use-api';
import './demo-sign-in-hint.css';

export function DemoSignInHint() {
  const info = useApi('runtime-info', getRuntimeInfo);
  const demo = info.data?.runtime === 'local' ? info.data.demoSignIn : null;
  if (!demo) return null;
  return (
    <p className="notice demo-sign-in-hint">
      Running locally? The demo sign-in is printed by <code>npm start</code>: <code>{demo.email}</code>
      {demo.password ? (
        <>
          {' '}
          / <code>{demo.password}</code>
        </>
      ) : (
        ' with the password you set in DROVER_DEMO_PASSWORD'
      )}
      .
    </p>
  );
}
