// The EC2 actions the sandbox answers, by their Query API name.
import {
  describeAvailabilityZones,
  describeInstanceTypes,
  describeRegions,
  describeSecurityGroups,
  describeSubnets,
  describeVpcs,
} from './catalog';
import type { Ec2Action } from './context';
import { describeInstances } from './describe-instances';
import { rebootInstances, startInstances, stopInstances, terminateInstances } from './instance-state';
import { runInstances } from './run-instances';

export const EC2_ACTIONS: Record<string, Ec2Action> = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  TerminateInstances: terminateInstances,
  StopInstances: stopInstances,
  StartInstances: startInstances,
  RebootInstances: rebootInstances,
  DescribeRegions: describeRegions,
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeVpcs: describeVpcs,
  DescribeSubnets: describeSubnets,
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeInstanceTypes: describeInstanceTypes,
};

export type { ActionContext, Ec2Action } from './context';
