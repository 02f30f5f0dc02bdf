// The portal's client of the policies API group (functions/handlers/api/policy-routes.ts): an
// environment's Governance policies, the live evaluation of a farm draft, and farm lease
// extension requests. Answers are parsed with the shared schemas; writes send If-Match.
import { z } from 'zod';
import { pageOf } from '../../functions/domain/schemas/common';
import type { FarmSpecInput } from '../../functions/domain/schemas/farm';
import {
  EvaluationResult,
  LeaseExtension,
  type LeaseExtensionInput,
  Policy,
  type PolicyInput,
  type Violation,
} from '../../functions/domain/schemas/policy';
import { all, type PageRequest, request } from './api-client';

const PolicyPage = pageOf(Policy);
const ExtensionPage = pageOf(LeaseExtension);
const NoContent = z.undefined();
const id = (value: string) => encodeURIComponent(value);
const policiesPath = (env: string) => `/environments/${id(env)}/policies`;
const etagOf = (version: number) => `"${version}"`;

export const policyApi = {
  allPolicies(environmentId: string, signal?: AbortSignal): Promise<Policy[]> {
    return all(
      async (page: PageRequest) =>
        (await request(policiesPath(environmentId), { query: { ...page }, schema: PolicyPage, signal })).data,
    );
  },
  async createPolicy(environmentId: string, input: PolicyInput): Promise<Policy> {
    return (await request(policiesPath(environmentId), { method: 'POST', body: input, schema: Policy })).data;
  },
  async getPolicy(environmentId: string, policyId: string, signal?: AbortSignal): Promise<Policy> {
    return (await request(`${policiesPath(environmentId)}/${id(policyId)}`, { schema: Policy, signal })).data;
  },
  async updatePolicy(policy: Policy, input: PolicyInput): Promise<Policy> {
    const path = `${policiesPath(policy.environmentId)}/${id(policy.id)}`;
    return (
      await request(path, { method: 'PUT', body: input, ifMatch: etagOf(policy.version), schema: Policy })
    ).data;
  },
  async deletePolicy(policy: Policy): Promise<void> {
    const path = `${policiesPath(policy.environmentId)}/${id(policy.id)}`;
    await request(path, { method: 'DELETE', ifMatch: etagOf(policy.version), schema: NoContent });
  },
  async evaluate(environmentId: string, spec: FarmSpecInput, signal?: AbortSignal): Promise<Violation[]> {
    const path = `${policiesPath(environmentId)}/evaluate`;
    return (await request(path, { method: 'POST', body: spec, schema: EvaluationResult, signal })).data
      .violations;
  },
  async leaseExtensions(farmId: string, signal?: AbortSignal): Promise<LeaseExtension[]> {
    return all(
      async (page: PageRequest) =>
        (
          await request(`/farms/${id(farmId)}/lease-extensions`, {
            query: { ...page },
            schema: ExtensionPage,
            signal,
          })
        ).data,
    );
  },
  async requestLeaseExtension(farmId: string, input: LeaseExtensionInput): Promise<LeaseExtension> {
    const path = `/farms/${id(farmId)}/lease-extensions`;
    return (await request(path, { method: 'POST', body: input, schema: LeaseExtension })).data;
  },
  async decideLeaseExtension(
    extension: LeaseExtension,
    decision: 'approve' | 'deny',
    comment = '',
  ): Promise<LeaseExtension> {
    const path = `/farms/${id(extension.farmId)}/lease-extensions/${id(extension.id)}/${decision}`;
    return (await request(path, { method: 'POST', body: { comment }, schema: LeaseExtension })).data;
  },
};

export type { LeaseExtension, Policy, PolicyInput, Violation };
