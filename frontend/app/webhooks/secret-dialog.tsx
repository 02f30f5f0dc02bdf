'use client';
// The one moment a signing secret is visible: after an endpoint is created or its secret rotated.
// Only a sealed copy is kept for signing, so the dialog names the endpoint and, after a rotation
// with overlap, until when the previous secret still signs.
import { SecretOnceDialog } from '../../components/secret-once-dialog';

export interface ShownSecret {
  secret: string;
  url: string;
  /** The previous secret still signs until then (a rotation with overlap). */
  previousUntil?: string | null;
  rotated: boolean;
}

export function SecretDialog({ shown, onClose }: { shown: ShownSecret | undefined; onClose: () => void }) {
  return (
    <SecretOnceDialog
      secret={shown?.secret}
      title={shown?.rotated ? 'New signing secret' : 'Endpoint added'}
      what="signing secret"
      usage={
        <>
          Receivers use it to verify the <code>Drover-Signature</code> header.
        </>
      }
      fieldId="signing-secret"
      fieldLabel="Signing secret"
      intro={<p className="muted secret-url mono">{shown?.url}</p>}
      onClose={onClose}
    >
      {shown?.previousUntil && (
        <p className="muted">
          The previous secret keeps signing too until {new Date(shown.previousUntil).toLocaleString('en')}, so
          receivers can switch over.
        </p>
      )}
    </SecretOnceDialog>
  );
}
