// The heading of a page section with the button that opens its "add" form (Add endpoint, New
// webhook, New team…): disabled while a form is open or the data is not there yet, hidden from
// whoever may not write.
import type { ReactNode } from 'react';

export function SectionHeading({
  id,
  title,
  addLabel,
  onAdd,
  disabled,
  hidden,
}: {
  id: string;
  title: ReactNode;
  addLabel: string;
  onAdd: () => void;
  disabled: boolean;
  hidden?: boolean;
}) {
  return (
    <div className="section-heading">
      <h2 id={id}>{title}</h2>
      <button
        type="button"
        className="button button-primary"
        onClick={onAdd}
        disabled={disabled}
        hidden={hidden}
      >
        {addLabel}
      </button>
    </div>
  );
}
