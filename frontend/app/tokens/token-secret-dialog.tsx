'use client';
// The one moment an API token's secret is visible: right after it is created. Only its hash is
// stored, so losing it means creating another.
import { useEffect, useRef, useState } from 'react';
import { ModalDialog } from '../../components/modal-dialog';

export function TokenSecretDialog({
  shown,
  onClose,
}: {
  shown: { name: string; secret: string } | undefined;
  onClose: () => void;
}) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select'>();
  useEffect(() => {
    if (shown) setCopied(undefined);
  }, [shown]);

  async function copy() {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopied('yes');
    } catch {
      field.current?.select();
      setCopied('select');
    }
  }

  return (
    <ModalDialog
      open={Boolean(shown)}
      className="token-dialog"
      titleId="token-dialog-title"
      describedBy="token-dialog-warning"
      onSubmit={onClose}
      onClose={onClose}
    >
      {shown && (
        <>
          <h2 id="token-dialog-title">Token {shown.name} created</h2>
          <div className="dialog-body">
            <p id="token-dialog-warning" className="notice notice-warn">
              Copy this token now: <strong>it will not be shown again.</strong> Use it as{' '}
              <code>DROVER_TOKEN</code> or <code>Authorization: Bearer …</code>.
            </p>
            <label htmlFor="token-secret">API token</label>
            <div className="token-secret-row">
              <input
                ref={field}
                id="token-secret"
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
