// The `policies` group's part of the API routing table (routes.ts spreads it into API_ROUTES):
// an environment's Governance policies, the live evaluation of a farm spec against them, and
// farm lease extension requests.
import { z } from 'zod';
import { idOf, PageQuery, pageOf } from '../domain/schemas/common';
import { FarmSpec } from '../domain/schemas/farm';
import {
  EvaluationResult,
  LeaseDecisionInput,
  LeaseExtension,
  LeaseExtensionInput,
  Policy,
  PolicyInput,
} from '../domain/schemas/policy';
import { type RouteDef, routeOf } from './route-def';

const EnvParams = z.object({ environmentId: idOf('environment') });
const PolicyParams = EnvParams.extend({ policyId: idOf('policy') });
const FarmParams = z.object({ farmId: idOf('farm') });
const RequestParams = FarmParams.extend({ requestId: idOf('leaseRequest') });
const POLICIES = '/api/v1/environments/{environmentId}/policies';
const EXTENSIONS = '/api/v1/farms/{farmId}/lease-extensions';

const route = routeOf('policies', true);

export const POLICY_ROUTES = [
  route({
    operationId: 'listPolicies',
    method: 'GET',
    path: POLICIES,
    summary: "List an environment's Governance policies",
    access: 'policies:view',
    params: EnvParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(Policy) },
  }),
  route({
    operationId: 'createPolicy',
    method: 'POST',
    path: POLICIES,
    summary: 'Add a Governance policy (names are unique in the environment)',
    access: 'policies:manage',
    params: EnvParams,
    body: PolicyInput,
    response: { status: 201, schema: Policy },
  }),
  route({
    operationId: 'evaluatePolicies',
    method: 'POST',
    path: `${POLICIES}/evaluate`,
    summary: "Check a farm spec against the environment's enabled policies (the violations; empty: allowed)",
    access: 'farms:view',
    params: EnvParams,
    body: FarmSpec,
    response: { status: 200, schema: EvaluationResult },
  }),
  route({
    operationId: 'getPolicy',
    method: 'GET',
    path: `${POLICIES}/{policyId}`,
    summary: 'Get a Governance policy',
    access: 'policies:view',
    params: PolicyParams,
    response: { status: 200, schema: Policy },
    versioned: true,
  }),
  route({
    operationId: 'updatePolicy',
    method: 'PUT',
    path: `${POLICIES}/{policyId}`,
    summary: 'Replace a Governance policy (If-Match required); running farms meet it at their next launch',
    access: 'policies:manage',
    params: PolicyParams,
    body: PolicyInput,
    response: { status: 200, schema: Policy },
    versioned: true,
  }),
  route({
    operationId: 'deletePolicy',
    method: 'DELETE',
    path: `${POLICIES}/{policyId}`,
    summary: 'Delete a Governance policy',
    access: 'policies:manage',
    params: PolicyParams,
    versioned: true,
  }),
  route({
    operationId: 'listLeaseExtensions',
    method: 'GET',
    path: EXTENSIONS,
    summary: "A farm's lease extension requests, newest first",
    access: 'farms:view',
    params: FarmParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(LeaseExtension) },
  }),
  route({
    operationId: 'requestLeaseExtension',
    method: 'POST',
    path: EXTENSIONS,
    summary: "Ask for more hours on a farm's lease, with a reason",
    access: 'farms:update',
    params: FarmParams,
    body: LeaseExtensionInput,
    response: { status: 201, schema: LeaseExtension },
  }),
  route({
    operationId: 'approveLeaseExtension',
    method: 'POST',
    path: `${EXTENSIONS}/{requestId}/approve`,
    summary: "Approve a lease extension request: the farm's lease moves on by its hours",
    access: 'policies:manage',
    params: RequestParams,
    body: LeaseDecisionInput,
    response: { status: 200, schema: LeaseExtension },
  }),
  route({
    operationId: 'denyLeaseExtension',
    method: 'POST',
    path: `${EXTENSIONS}/{requestId}/deny`,
    summary: 'Deny a lease extension request',
    access: 'policies:manage',
    params: RequestParams,
    body: LeaseDecisionInput,
    response: { status: 200, schema: LeaseExtension },
  }),
] as const satisfies readonly RouteDef[];
