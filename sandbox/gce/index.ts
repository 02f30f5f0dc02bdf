// The GCE sandbox cloud: a Compute Engine REST emulator and its service-account keys.
export { GceSandbox, type GceSandboxOptions } from './server';
export { sandboxServiceAccountKey } from './service-account-key';
