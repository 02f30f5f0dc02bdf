'use client';
// The one moment a signing secret is visible: after an endpoint is created or its secret rotated.
// A native modal <dialog> (the page behind is inert, focus returns to the opener), the secret in
// a read-only field that selects itself, a copy button, and the warning that it is not kept.
import { useEffect, useRef, useState } from 'react';
import { ModalDialog } from '../../components/modal-dialog';

export interface ShownSecret {
  secret: string;
  url: string;
  /** The previous secret still signs until then (a rotation with overlap). */
  previousUntil?: string | null;
  rotated: boolean;
}

export function SecretDialog({ shown, onClose }: { shown: ShownSecret | undefined; onClose: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | undefined>();

  // Each secret shown starts without the last one's "Copied".
  useEffect(() => {
    if (shown) setCopied(undefined);
  }, [shown]);

  async function copy() {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopied('yes');
    } catch {
      // No clipboard permission (an old browser, an embedded view): leave it selected to copy by hand.
      field.current?.select();
      setCopied('select');
    }
  }

  return (
    <ModalDialog
      open={Boolean(shown)}
      className="secret-dialog"
      titleId="secret-dialog-title"
      describedBy="secret-dialog-warning"
      onSubmit={onClose}
      onClose={onClose}
    >
      {shown && (
        <>
          <h2 id="secret-dialog-title">{shown.rotated ? 'New signing secret' : 'Endpoint added'}</h2>
          <div className="dialog-body">
            <p className="muted secret-url mono">{shown.url}</p>
            <p id="secret-dialog-warning" className="notice notice-warn">
              Copy this signing secret now: <strong>it will not be shown again.</strong> Receivers use it to
              verify the <code>Drover-Signature</code> header.
            </p>
            <label htmlFor="signing-secret">Signing secret</label>
            <div className="secret-row">
              <input
                ref={field}
                id="signing-secret"
                className="mono"
                readOnly
                value={shown.secret}
                onFocus={(e) => e.target.select()}
                spellCheck={false}
              />
              <button type="button" className="button button-secondary" onClick={copy}>
                Copy
              </button>
            </div>
            <p className="field-hint muted" role="status">
              {copied === 'yes'
                ? 'Copied to the clipboard.'
                : copied === 'select'
                  ? 'Selected: press Ctrl+C (⌘C).'
                  : ''}
            </p>
            {shown.previousUntil && (
              <p className="muted">
                The previous secret keeps signing too until{' '}
                {new Date(shown.previousUntil).toLocaleString('en')}, so receivers can switch over.
              </p>
            )}
          </div>
          <div className="dialog-actions">
            <button type="submit" className="button button-primary">
              I have stored it
            </button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}
