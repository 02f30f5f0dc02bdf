// The OpenAPI 3.1 document, generated from the routing table and its zod schemas (zod-openapi),
// so the document cannot disagree with what the API validates.

import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { Problem } from '../../contract/problem';
import { API_ROUTES, type RouteDef } from '../../contract/routes';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

// Every operation states its security, the public ones an empty list: a missing `security` would
// read as "unspecified", and Redocly's recommended rules (test/integration/api/openapi-lint) refuse it.
function securityOf(auth: RouteDef['auth']): NonNullable<ZodOpenApiOperationObject['security']> {
  if (auth === 'agent') return [{ agentToken: [] }];
  if (auth === 'operator') return [{ operatorToken: [] }];
  if (auth === 'cloud-push') return [{ cloudPushToken: [] }];
  return auth ? [{ bearer: [] }] : [];
}

/** How each kind of route authenticates (RouteDef.auth → securityOf). */
const SECURITY_SCHEMES = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "A user's sign-in token or an API token",
  },
  agentToken: {
    type: 'http',
    scheme: 'bearer',
    description: "A server's own drover-agent token, good for that server only",
  },
  operatorToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'A platform operator token (drvop_…), outside every account: the operator routes only',
  },
  cloudPushToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A Pub/Sub push subscription's OIDC token (Google-signed, for Drover's push service account and this API's audience)",
  },
} as const;

export function buildOpenApiDocument(serverUrl = '/') {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of API_ROUTES) {
    if (route.operationId === 'getOpenApi') continue;
    const operation: ZodOpenApiOperationObject = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.group],
      security: securityOf(route.auth),
      requestParams: {
        ...(route.params ? { path: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(route.versioned && route.method !== 'GET'
          ? {
              header: z.object({
                'if-match': z.string().meta({ description: 'The ETag you read, e.g. "3"' }),
              }),
            }
          : {}),
      },
      ...(route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } }
        : {}),
      responses: {
        ...(route.response
          ? {
              [String(route.response.status)]: {
                description: 'Success',
                content: { 'application/json': { schema: route.response.schema } },
              },
            }
          : { '204': { description: 'Done' } }),
        '400': problem('Invalid input, with field paths'),
        ...(route.auth ? { '401': problem('Not signed in') } : {}),
        '404': problem('Not found (or not yours)'),
        ...(route.versioned && route.method !== 'GET'
          ? { '412': problem('Stale If-Match: the resource changed'), '428': problem('If-Match required') }
          : {}),
        ...(route.method !== 'GET'
          ? { '409': problem('Conflict'), '422': problem('The input refers to things that do not fit') }
          : {}),
      },
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Drover API',
      version: '1',
      description: 'Declare farms; Drover keeps the clouds matching them.',
      // The project is private and unlicensed for reuse; a LicenseRef is SPDX's way to say so.
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: SECURITY_SCHEMES,
    },
    paths,
  });
}
