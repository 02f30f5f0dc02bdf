// Lambda entry point of the `meta` route group: the public OpenAPI document.
import type { ApiDeps } from './deps';
import { fromEnvironment } from './deps-from-environment';
import { createGroupHandler, lazyHandler } from './group-handler';
import { buildOpenApiDocument } from './openapi';

export function createHandler(
  deps: Pick<ApiDeps, 'authenticator' | 'agentTokens' | 'logger' | 'store' | 'clock'>,
) {
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  return createGroupHandler(
    'meta',
    {
      getOpenApi: async () => {
        document ??= buildOpenApiDocument();
        return { status: 200, body: document, headers: { 'Cache-Control': 'public, max-age=300' } };
      },
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(fromEnvironment()));
