'use client';
// The portal's one table shell: columns as data, a key per row, placeholder rows while loading
// (the table keeps its height, nothing jumps), the load error with a retry instead of rows that
// never come, an empty-state line, an actions column, and an optional details row under a row.
// Under 640 px every row becomes a card whose cells are labelled by their column (data-table.css).
import type { ButtonHTMLAttributes, HTMLAttributes, ReactNode } from 'react';
import type { ApiProblem } from '../lib/api-problem';
import { PlaceholderRow } from './placeholder-row';
import { ProblemNotice } from './problem-notice';
import './data-table.css';

export interface Column<T, S = undefined> {
  /** The column's heading, and the label of its cell in a row's phone card. */
  header: string;
  /** Right-aligned, tabular figures (heading and cells). */
  numeric?: boolean;
  /** Classes of the column's cells (not of its heading). */
  className?: string;
  /** A fixed width (CSS length): placeholder and loaded rows line up, nothing shifts. */
  width?: string;
  cell: (row: T, state: S) => ReactNode;
  title?: (row: T) => string | undefined;
}

/** A full-width row under a row (an audit entry's changes, a delivery's attempts). */
export interface RowDetails {
  id: string;
  className: string;
  /** Kept in the page but not shown (its toggle's aria-controls still finds it). */
  hidden?: boolean;
  content: ReactNode;
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & Partial<Record<`data-${string}`, string>>;

export interface DataTableProps<T, S = undefined> {
  /** Undefined while loading. */
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string | number;
  columns: readonly Column<T, S>[];
  /** The table's own class, for its column widths. */
  className: string;
  /** The table's accessible name, when the page around it does not give one. */
  label?: string;
  /** Shown under the headings when there are no rows. */
  empty?: ReactNode;
  /** The load failed: said above the table, with a retry where one may help. */
  error?: ApiProblem;
  onRetry?: () => void;
  placeholderRows?: number;
  /** The actions column's fixed width (CSS length), room for its buttons on one line. */
  actionsWidth?: string;
  /** Cells sit in the middle of their row (tables of controls) rather than at its top. */
  align?: 'top' | 'middle';
  /**
   * Per-row state a row's cells and actions share (what is running, its refusal): a React hook,
   * called once per row, so it must be the same function on every render.
   */
  useRowState?: (row: T) => S;
  /** The row's last cell, headed "Actions" for screen readers. */
  actions?: (row: T, state: S) => ReactNode;
  rowAttributes?: (row: T) => RowAttributes;
  details?: (row: T, state: S) => RowDetails | undefined;
}

const noState = () => undefined;

export function DataTable<T, S = undefined>(props: DataTableProps<T, S>) {
  const { rows, columns, actions, error, empty, placeholderRows = 1, align = 'top' } = props;
  const loading = rows === undefined && !error;
  const span = columns.length + (actions ? 1 : 0);
  const classes = ['data-table', 'card-table', props.className];
  if (align === 'middle') classes.push('data-table-middle');
  return (
    <>
      {error && (
        <div className="data-table-problem">
          <ProblemNotice problem={error} onRetry={props.onRetry} />
        </div>
      )}
      <table className={classes.join(' ')} aria-busy={loading} aria-label={props.label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.header}
                scope="col"
                className={c.numeric ? 'num' : undefined}
                style={widthOf(c.width)}
              >
                {c.header}
              </th>
            ))}
            {actions && (
              <th scope="col" style={widthOf(props.actionsWidth)}>
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {loading &&
            Array.from({ length: placeholderRows }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
              <PlaceholderRow key={i} cells={span} />
            ))}
          {rows?.map((row) => (
            <DataRow key={props.rowKey(row)} row={row} span={span} table={props} />
          ))}
        </tbody>
      </table>
      {rows?.length === 0 && empty && <p className="empty">{empty}</p>}
    </>
  );
}

function DataRow<T, S>({ row, span, table }: { row: T; span: number; table: DataTableProps<T, S> }) {
  const useRowState = (table.useRowState ?? noState) as (row: T) => S;
  const state = useRowState(row);
  const details = table.details?.(row, state);
  return (
    <>
      <tr {...table.rowAttributes?.(row)}>
        {table.columns.map((c) => (
          <td
            key={c.header}
            data-label={c.header}
            className={cellClass(c) || undefined}
            title={c.title?.(row)}
          >
            {c.cell(row, state)}
          </td>
        ))}
        {table.actions && <td className="actions-cell">{table.actions(row, state)}</td>}
      </tr>
      {details && (
        <tr className={details.className} id={details.id} hidden={details.hidden}>
          <td colSpan={span}>{details.content}</td>
        </tr>
      )}
    </>
  );
}

const widthOf = (width: string | undefined) => (width ? { width } : undefined);

function cellClass(column: { numeric?: boolean; className?: string }): string {
  return [column.numeric ? 'num' : '', column.className ?? ''].filter(Boolean).join(' ');
}

/** The buttons of a row, side by side; `wrap` lets many of them take two lines. */
export function RowActions({
  wrap = false,
  hidden,
  children,
}: {
  wrap?: boolean;
  hidden?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={wrap ? 'row-actions wrap-actions' : 'row-actions'} hidden={hidden}>
      {children}
    </div>
  );
}

/** A quiet button among a row's actions (Edit, Delete, Reboot…). */
export function RowButton(props: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'className'>) {
  return <button type="button" className="button button-quiet" {...props} />;
}
