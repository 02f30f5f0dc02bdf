// The top of a portal page: its title, a one-line lede under it, and the page's actions (the
// environment picker, a primary button) to the right — stacked on a phone by the CSS.
import type { ReactNode } from 'react';

export function PageHeading({
  title,
  lede,
  actions,
}: {
  title: ReactNode;
  /** Kept even when empty (a no-break space) so the heading does not grow when it arrives. */
  lede: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="page-heading">
      <div>
        <h1>{title}</h1>
        <p className="muted lede">{lede}</p>
      </div>
      {actions && <div className="heading-actions">{actions}</div>}
    </div>
  );
}
