// Lambda entry point of the `meta` route group: the public OpenAPI document, and which runtime
// answers (the local runtime passes its own `runtimeInfo`; the Lambda in AWS knows no other).
import { apiDepsFromEnvironment } from '../../composition/api';
import { AWS_RUNTIME, type RuntimeInfo } from '../../domain/schemas/runtime-info';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';
import { buildOpenApiDocument } from './openapi';
import { Reply } from './operation';

export function createHandler(
  deps: Pick<ApiDeps, 'authenticator' | 'agentTokens' | 'logger' | 'store' | 'clock'> & {
    runtimeInfo?: RuntimeInfo;
  },
) {
  const runtimeInfo = deps.runtimeInfo ?? AWS_RUNTIME;
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  return createGroupHandler(
    'meta',
    {
      getOpenApi: async () => {
        document ??= buildOpenApiDocument();
        return new Reply(document, { 'Cache-Control': 'public, max-age=300' });
      },
      getRuntimeInfo: async () => runtimeInfo,
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
