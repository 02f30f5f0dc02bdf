// GET /api/v1/runtime: which runtime serves the portal, asked before sign-in (no token). Only the
// local runtime answers `local`, with its demo sign-in; a deployment in AWS answers `aws`.
import type { RuntimeInfo } from '../../functions/domain/schemas/runtime-info';
import { portalApi } from './portal-client';

export type { RuntimeInfo };

export async function getRuntimeInfo(signal?: AbortSignal): Promise<RuntimeInfo> {
  return (await portalApi.getRuntimeInfo({ signal })).body;
}
