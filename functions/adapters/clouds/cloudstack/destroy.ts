// Destroying a VM for good: destroyVirtualMachine with expunge=true, so its name and addresses are
// freed at once. An account that may not expunge (CloudStack's allow.user.expunge.recover.vm is
// off: a 531 naming `expunge`) gets a plain destroy; the VM then stays Destroyed until the cloud's
// expunge delay, which Drover reads as terminated (vm-mapping.ts).
import { CloudError } from '../../../ports/cloud-driver';
import type { CloudStackClient } from './client/client';

const expungeRefused = (err: unknown) =>
  err instanceof CloudError && err.kind === 'AuthError' && /expunge/i.test(err.message);

/** Returns once CloudStack accepted the destroy (its job runs on; listings show the outcome). */
export async function destroyVm(client: CloudStackClient, id: string): Promise<void> {
  try {
    await client.start('destroyVirtualMachine', { id, expunge: 'true' });
  } catch (err) {
    if (!expungeRefused(err)) throw err;
    await client.start('destroyVirtualMachine', { id });
  }
}
