import type { FarmSpecInput } from '../../functions/domain/schemas/farm';
import type {
  LeaseExtension,
  LeaseExtensionInput,
  Policy,
  PolicyInput,
  Violation,
} from '../../functions/domain/schemas/policy';
import { all, type PageRequest } from './api-client';
import { portalApi } from './portal-client';

export const policyApi = {
  allPolicies(environmentId: string, signal?: AbortSignal): Promise<Policy[]> {
    return all(
      async (page: PageRequest) =>
        (await portalApi.listPolicies({ params: { environmentId }, query: page, signal })).body,
    );
  },
  async createPolicy(environmentId: string, input: PolicyInput): Promise<Policy> {
    return (await portalApi.createPolicy({ params: { environmentId }, body: input })).body;
  },
  async getPolicy(environmentId: string, policyId: string, signal?: AbortSignal): Promise<Policy> {
    return (await portalApi.getPolicy({ params: { environmentId, policyId }, signal })).body;
  },
  async updatePolicy(policy: Policy, input: PolicyInput): Promise<Policy> {
    const params = { environmentId: policy.environmentId, policyId: policy.id };
    return (await portalApi.updatePolicy({ params, body: input, ifMatch: policy.version })).body;
  },
  async deletePolicy(policy: Policy): Promise<void> {
    const params = { environmentId: policy.environmentId, policyId: policy.id };
    await portalApi.deletePolicy({ params, ifMatch: policy.version });
  },
  async evaluate(environmentId: string, spec: FarmSpecInput, signal?: AbortSignal): Promise<Violation[]> {
    return (await portalApi.evaluatePolicies({ params: { environmentId }, body: spec, signal })).body
      .violations;
  },
  async leaseExtensions(farmId: string, signal?: AbortSignal): Promise<LeaseExtension[]> {
    return all(
      async (page: PageRequest) =>
        (await portalApi.listLeaseExtensions({ params: { farmId }, query: page, signal })).body,
    );
  },
  async requestLeaseExtension(farmId: string, input: LeaseExtensionInput): Promise<LeaseExtension> {
    return (await portalApi.requestLeaseExtension({ params: { farmId }, body: input })).body;
  },
  async decideLeaseExtension(
    extension: LeaseExtension,
    decision: 'approve' | 'deny',
    comment = '',
  ): Promise<LeaseExtension> {
    const params = { farmId: extension.farmId, requestId: extension.id };
    return (await portalApi[`${decision}LeaseExtension`]({ params, body: { comment } })).body;
  },
};

export type { LeaseExtension, Policy, PolicyInput, Violation };
