'use client';
// The one moment a secret is visible (an API token, a webhook signing secret): only a hash or a
// sealed copy is kept, so the dialog says so. A modal <dialog> (see ModalDialog), the secret in a
// read-only field that selects itself, and a Copy button that falls back to selecting the text.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ModalDialog } from './modal-dialog';
import './secret-once-dialog.css';

export function SecretOnceDialog({
  secret,
  title,
  what,
  usage,
  fieldId,
  fieldLabel,
  intro,
  children,
  onClose,
}: {
  /** The secret to show; the dialog is closed while there is none. */
  secret: string | undefined;
  title: ReactNode;
  /** What the warning calls it: "Copy this {what} now". */
  what: string;
  /** Where the secret goes, after the warning. */
  usage: ReactNode;
  fieldId: string;
  fieldLabel: string;
  /** Above the warning (what the secret belongs to). */
  intro?: ReactNode;
  /** Below the field. */
  children?: ReactNode;
  onClose: () => void;
}) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select'>();

  // Each secret shown starts without the last one's "Copied".
  useEffect(() => {
    if (secret) setCopied(undefined);
  }, [secret]);

  async function copy() {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard permission (an old browser, an embedded view): leave it selected to copy by hand.
      field.current?.select();
      setCopied('select');
    }
  }

  return (
    <ModalDialog
      open={Boolean(secret)}
      className="secret-dialog"
      titleId="secret-dialog-title"
      describedBy="secret-dialog-warning"
      onSubmit={onClose}
      onClose={onClose}
    >
      {secret && (
        <>
          <h2 id="secret-dialog-title">{title}</h2>
          <div className="dialog-body">
            {intro}
            <p id="secret-dialog-warning" className="notice notice-warn">
              Copy this {what} now: <strong>it will not be shown again.</strong> {usage}
            </p>
            <label htmlFor={fieldId}>{fieldLabel}</label>
            <div className="secret-row">
              <input
                ref={field}
                id={fieldId}
                className="mono"
                readOnly
                value={secret}
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
            {children}
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
