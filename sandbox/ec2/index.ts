// The EC2 sandbox cloud: see server.ts (API), control.ts (`/_sandbox/` routes), catalog.ts (what exists).

export { ACCOUNT_ID, INSTANCE_TYPES, REGIONS } from './catalog';
export { Ec2Sandbox, type Ec2SandboxOptions } from './server';
