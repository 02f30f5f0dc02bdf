'use client';
// The one moment an API token's secret is visible: right after it is created. Only its hash is
// stored, so losing it means creating another.
import { SecretOnceDialog } from '../../components/secret-once-dialog';

export function TokenSecretDialog({
  shown,
  onClose,
}: {
  shown: { name: string; secret: string } | undefined;
  onClose: () => void;
}) {
  return (
    <SecretOnceDialog
      secret={shown?.secret}
      title={`Token ${shown?.name} created`}
      what="token"
      usage={
        <>
          Use it as <code>DROVER_TOKEN</code> or <code>Authorization: Bearer …</code>.
        </>
      }
      fieldId="token-secret"
      fieldLabel="API token"
      onClose={onClose}
    />
  );
}
