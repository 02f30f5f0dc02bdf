// vitest globalSetup of the e2e project: builds the portal export once, before any e2e file runs,
// and tells the workers (they inherit this process's environment) to use it as it is, so files
// running in parallel never start `next build` into frontend/out at the same time.
import { ensurePortalBuilt, PORTAL_BUILT_FOR_RUN } from '../e2e/support/portal-build';

export default function buildPortalOnce(): () => void {
  process.env[PORTAL_BUILT_FOR_RUN] = ensurePortalBuilt();
  return () => {
    delete process.env[PORTAL_BUILT_FOR_RUN];
  };
}
