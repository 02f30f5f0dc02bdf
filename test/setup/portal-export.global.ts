// vitest globalSetup of the e2e project: builds the portal export once, before any e2e file runs,
// so files running in parallel never start `next build` into frontend/out at the same time (each
// file's ensurePortalBuilt() then finds it fresh).
import { ensurePortalBuilt } from '../e2e/support/portal-build';

export default function buildPortalOnce(): void {
  ensurePortalBuilt();
}
