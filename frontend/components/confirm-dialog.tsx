'use client';
// A confirmation as a native modal <dialog>: showModal() makes the rest of the page inert (focus
// stays inside), Escape closes it, and the browser returns focus to the button that opened it.
import { type ReactNode, useEffect, useRef } from 'react';

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
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            onConfirm();
          }}
        >
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
        </form>
      )}
    </dialog>
  );
}
