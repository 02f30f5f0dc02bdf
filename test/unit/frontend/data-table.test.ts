// The portal's one table shell, rendered by React itself (react-dom/server) into the markup the
// browser gets: headings and cells from column data, the data-label every phone card shows, the
// loading, empty and error states, the actions column, per-row state and the details row.
import { createRequire } from 'node:module';
import { createElement as h, type ReactElement, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { type Column, DataTable, type DataTableProps } from '../../../frontend/components/data-table';
import { ApiProblem } from '../../../frontend/lib/api-problem';

/** react-dom has no type declarations installed (no @types/react-dom): the one function used, typed. */
const { renderToStaticMarkup } = createRequire(import.meta.url)('react-dom/server') as {
  renderToStaticMarkup: (element: ReactElement) => string;
};

interface Fruit {
  id: string;
  name: string;
  count: number;
}

const fruits: Fruit[] = [
  { id: 'a', name: 'apple', count: 3 },
  { id: 'b', name: 'pear', count: 12 },
];

const columns: Column<Fruit>[] = [
  { header: 'Name', cell: (f) => f.name },
  {
    header: 'Count',
    numeric: true,
    className: 'mono',
    cell: (f) => f.count,
    title: (f) => `${f.count} kept`,
  },
];

/** A row's own state: a fruit of more than ten starts open. */
const useOpen = (f: Fruit) => useState(f.count > 10)[0];

/** The markup React sends the browser for a fruit table with these props. */
function render<S = undefined>(props: Partial<DataTableProps<Fruit, S>>): string {
  const all = { className: 'fruit-table', rows: fruits, rowKey: (f: Fruit) => f.id, columns, ...props };
  return renderToStaticMarkup(h(DataTable<Fruit, S>, all as DataTableProps<Fruit, S>));
}

describe('DataTable', () => {
  it('draws headings and cells from the columns, each cell labelled by its heading for the phone card', () => {
    const html = render({});
    expect(html).toContain('<table class="data-table card-table fruit-table" aria-busy="false">');
    expect(html).toContain('<th scope="col">Name</th><th scope="col" class="num">Count</th>');
    expect(html).toContain(
      '<tr><td data-label="Name">apple</td><td data-label="Count" class="num mono" title="3 kept">3</td></tr>',
    );
    expect(html).toContain('<td data-label="Name">pear</td>');
    expect(html).not.toContain('class="empty"');
  });

  it('keeps its shape while loading: placeholder rows as wide as the table, busy, no empty line', () => {
    const html = render({ rows: undefined, placeholderRows: 2, actions: () => 'x', empty: 'None yet.' });
    expect(html).toContain('aria-busy="true"');
    expect(html.match(/<tr class="placeholder-row">/g)).toHaveLength(2);
    // two columns and the actions column: three skeleton cells a row
    expect(html.match(/<span class="skeleton" aria-hidden="true"><\/span>/g)).toHaveLength(6);
    expect(html).not.toContain('None yet.');
  });

  it('says so when there are no rows', () => {
    const html = render({ rows: [], empty: 'No fruit yet.' });
    expect(html).toContain('<p class="empty">No fruit yet.</p>');
    expect(html).not.toContain('placeholder-row');
  });

  it('shows a failed load with a retry instead of placeholders that never end', () => {
    const down = new ApiProblem({
      type: 'about:blank',
      status: 503,
      title: 'Service unavailable',
      code: 'ServiceUnavailable',
      detail: 'try later',
      issues: [],
    });
    const html = render({ rows: undefined, error: down, onRetry: () => {}, empty: 'No fruit yet.' });
    expect(html).toContain('role="alert"');
    expect(html).toContain('Service unavailable');
    expect(html).toContain('Try again');
    expect(html).toContain('aria-busy="false"');
    expect(html).not.toContain('placeholder-row');
    expect(html).not.toContain('No fruit yet.');
  });

  it('keeps the rows it has beside the error of a later refresh', () => {
    const internal = { type: 'about:blank', status: 500, title: 'Internal error', code: 'Internal' };
    const down = new ApiProblem({ ...internal, detail: '', issues: [] });
    const html = render({ error: down });
    expect(html).toContain('Internal error');
    expect(html).toContain('<td data-label="Name">apple</td>');
  });

  it('adds an actions column headed for screen readers, with row attributes', () => {
    const html = render({
      actions: (f) => `remove ${f.name}`,
      rowAttributes: (f) => ({ 'data-fruit': f.id }),
    });
    expect(html).toContain('<th scope="col"><span class="visually-hidden">Actions</span></th>');
    expect(html).toContain('<tr data-fruit="a"><td data-label="Name">apple</td>');
    expect(html).toContain('<td class="actions-cell">remove pear</td>');
  });

  it('gives each row its own state (a hook per row) and a details row spanning every column', () => {
    const html = render<boolean>({
      columns: [{ header: 'Name', cell: (f, open) => `${f.name}${open ? ' (open)' : ''}` }],
      useRowState: useOpen,
      actions: () => 'act',
      details: (f, open) => ({
        id: `d-${f.id}`,
        className: 'fruit-details',
        hidden: !open,
        content: 'seeds',
      }),
    });
    expect(html).toContain('<td data-label="Name">apple</td>');
    expect(html).toContain('<td data-label="Name">pear (open)</td>');
    expect(html).toContain('<tr class="fruit-details" id="d-a" hidden=""><td colSpan="2">seeds</td></tr>');
    expect(html).toContain('<tr class="fruit-details" id="d-b"><td colSpan="2">seeds</td></tr>');
  });

  it('fixes the widths its columns ask for on their headings, the actions column too', () => {
    const html = render({
      columns: [{ header: 'Name', width: '9rem', cell: (f) => f.name }],
      actions: () => 'act',
      actionsWidth: '12rem',
    });
    expect(html).toContain('<th scope="col" style="width:9rem">Name</th>');
    expect(html).toContain(
      '<th scope="col" style="width:12rem"><span class="visually-hidden">Actions</span></th>',
    );
  });

  it('lines cells up in the middle of their rows when asked', () => {
    expect(render({ align: 'middle' })).toContain(
      'class="data-table card-table fruit-table data-table-middle"',
    );
  });
});
