'use client';
// A confirmation in a modal dialog (see ModalDialog): Cancel first and focused, the action second,
// red when it destroys something.
import type { ReactNode } from 'react';
import { ModalDialog } from './modal-dialog';

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <ModalDialog open={open} titleId="confirm-dialog-title" onSubmit={onConfirm} onClose={onClose}>
      <h2 id="confirm-dialog-title">{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        {/* biome-ignore lint/a11y/noAutofocus: a modal dialog moves focus into itself; the safe choice goes first */}
        <button type="button" className="button button-secondary" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button
          type="submit"
          className={`button ${danger ? 'button-danger' : 'button-primary'}`}
          disabled={busy}
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
