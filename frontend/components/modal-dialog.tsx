'use client';
// A native modal <dialog> kept in step with `open`: showModal() makes the rest of the page inert
// (focus stays inside), Escape asks the owner to close it, and the browser returns focus to the
// button that opened it. Its content is a form, drawn only while open, whose submit is the
// dialog's main action.
import { type ReactNode, useEffect, useRef } from 'react';

export function ModalDialog({
  open,
  className,
  titleId,
  describedBy,
  onSubmit,
  onClose,
  children,
}: {
  open: boolean;
  className?: string;
  /** The id of the heading inside that names the dialog. */
  titleId: string;
  describedBy?: string;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
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
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
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
            onSubmit();
          }}
        >
          {children}
        </form>
      )}
    </dialog>
  );
}
