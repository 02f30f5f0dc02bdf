// The row a data table shows while its data loads: one skeleton bar per column, so the table
// keeps its shape (and, on phones, its card height) until the rows arrive.
export function PlaceholderRow({ cells }: { cells: number }) {
  return (
    <tr className="placeholder-row">
      {Array.from({ length: cells }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
        <td key={i}>
          <span className="skeleton" aria-hidden="true" />
        </td>
      ))}
    </tr>
  );
}
