// AWS network ids as farm roles and policies take them: one pattern and one message each, so a
// farm spec and a policy that names the same VPC are checked alike.
import { z } from 'zod';

export const AwsVpcId = z.string().regex(/^vpc-[0-9a-f]{8,17}$/, 'must be a VPC id');
export const AwsSubnetId = z.string().regex(/^subnet-[0-9a-f]{8,17}$/, 'must be a subnet id');
export const AwsSecurityGroupId = z.string().regex(/^sg-[0-9a-f]{8,17}$/, 'must be a security group id');
