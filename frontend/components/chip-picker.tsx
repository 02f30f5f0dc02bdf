'use client';
// A list of values as removable chips, with a text box to add more: suggestions come from a
// datalist (the cloud's own regions, zones or instance types), and anything else may be typed
// too (a policy may allow a family such as `t3.*`). Enter or "Add" adds; commas separate several
// at once, spaces do not (CloudStack's `Small Instance` is one name); each chip has a remove
// button named after its value.
import { type KeyboardEvent, useState } from 'react';
import { nameList } from '../lib/draft-text';
import { FormField } from './form-field';
import './chip-picker.css';

export function ChipPicker({
  id,
  label,
  values,
  onChange,
  suggestions = [],
  error,
  hint,
  placeholder,
}: {
  id: string;
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  suggestions?: readonly string[];
  error?: string;
  hint?: string;
  placeholder?: string;
}) {
  const [text, setText] = useState('');
  const listId = `${id}-suggestions`;

  function add() {
    const added = nameList(text).filter((v) => !values.includes(v));
    if (added.length) onChange([...values, ...new Set(added)]);
    setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && text === '' && values.length) {
      onChange(values.slice(0, -1));
    }
  }

  return (
    <FormField id={id} label={label} error={error} hint={hint} className="chip-field">
      {(control) => (
        <>
          {values.length > 0 && (
            <ul className="chips" aria-label={`${label}: chosen`}>
              {values.map((value) => (
                <li key={value} className="chip">
                  <span className="mono">{value}</span>
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={`Remove ${value}`}
                    onClick={() => onChange(values.filter((v) => v !== value))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="chip-add">
            <input
              {...control}
              list={listId}
              value={text}
              placeholder={placeholder}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={onKeyDown}
              onBlur={() => text.trim() && add()}
            />
            <button type="button" className="button button-secondary" onClick={add} disabled={!text.trim()}>
              Add
            </button>
          </div>
          <datalist id={listId}>
            {suggestions
              .filter((s) => !values.includes(s))
              .map((s) => (
                <option key={s} value={s} />
              ))}
          </datalist>
        </>
      )}
    </FormField>
  );
}
