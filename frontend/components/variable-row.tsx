'use client';
// One Global Variable as a row of the variables form: name, value (a hidden one shows the mask),
// the final / required / hidden flags, pattern and description, each with its error from the
// API's path (`variables.3.value`).
import type { VariableRow as Row } from '../lib/variable-rows';

const FLAGS = ['final', 'required', 'hidden'] as const;

export function VariableRow({
  row: r,
  index: i,
  idPrefix,
  canEdit,
  errorOf,
  change,
  remove,
}: {
  row: Row;
  index: number;
  idPrefix: string;
  canEdit: boolean;
  errorOf: (field: string) => string | undefined;
  change: (patch: Partial<Row>) => void;
  remove: () => void;
}) {
  const called = r.name || `variable ${i + 1}`;
  return (
    <tr data-variable={r.name}>
      <td>
        <input
          id={`${idPrefix}-${i}-name`}
          aria-label={`Name of variable ${i + 1}`}
          value={r.name}
          disabled={!canEdit}
          aria-invalid={Boolean(errorOf('name'))}
          onChange={(e) => change({ name: e.target.value })}
        />
        <p className="field-error">{errorOf('name') ?? ''}</p>
      </td>
      <td>
        <input
          id={`${idPrefix}-${i}-value`}
          aria-label={`Value of ${called}`}
          value={r.value}
          placeholder={r.unset ? 'inherited / none' : ''}
          disabled={!canEdit}
          aria-invalid={Boolean(errorOf('value'))}
          onChange={(e) => change({ value: e.target.value, unset: false })}
        />
        <p className="field-error">{errorOf('value') ?? ''}</p>
      </td>
      <td className="variable-flags">
        {FLAGS.map((flag) => (
          <label key={flag}>
            <input
              type="checkbox"
              checked={r[flag]}
              disabled={!canEdit}
              aria-label={`${flag} ${r.name}`}
              onChange={(e) => change({ [flag]: e.target.checked })}
            />{' '}
            {flag}
          </label>
        ))}
        <p className="field-error">{errorOf('required') ?? ''}</p>
      </td>
      <td>
        <input
          aria-label={`Pattern of ${called}`}
          value={r.validationPattern}
          disabled={!canEdit}
          aria-invalid={Boolean(errorOf('validationPattern'))}
          onChange={(e) => change({ validationPattern: e.target.value })}
        />
        <p className="field-error">{errorOf('validationPattern') ?? ''}</p>
      </td>
      <td>
        <input
          aria-label={`Description of ${called}`}
          value={r.description}
          disabled={!canEdit}
          onChange={(e) => change({ description: e.target.value })}
        />
      </td>
      <td>
        {canEdit && (
          <button type="button" className="button button-secondary" onClick={remove}>
            Remove <span className="visually-hidden">{r.name}</span>
          </button>
        )}
      </td>
    </tr>
  );
}
