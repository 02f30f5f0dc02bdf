// Fields that choose among values: a select from a list of options, and a group of checkboxes
// (one value ticked in or out of a list) with its legend and error line, like a FormField.
import type { ReactNode, SelectHTMLAttributes } from 'react';
import { CheckField, FormField } from './form-field';

export interface Choice {
  value: string;
  label: ReactNode;
}

/** A select whose first option is what an empty value means ("Choose a role", "Loading…"). */
export function SelectField({
  id,
  label,
  error,
  hint,
  value,
  onChange,
  options,
  empty,
  ...select
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly Choice[];
  /** The label of the empty choice; none when a value is always chosen. */
  empty?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange'>) {
  return (
    <FormField id={id} label={label} error={error} hint={hint}>
      {(p) => (
        <select {...p} {...select} value={value} onChange={(e) => onChange(e.target.value)}>
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** Options whose value is also what they say. */
export function choicesOf(values: readonly string[]): Choice[] {
  return values.map((value) => ({ value, label: value }));
}

/** A group of checkboxes with its legend and error line, like a FormField for one value. */
export function CheckGroup({
  id,
  legend,
  error,
  hint,
  className,
  children,
}: {
  id: string;
  legend: string;
  error?: string;
  hint?: string;
  className?: string;
  children: ReactNode;
}) {
  const described = [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
  return (
    <fieldset className={`check-group ${className ?? ''}`} id={id} aria-describedby={described}>
      <legend>{legend}</legend>
      {hint && (
        <p className="field-hint muted" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      <p className="field-error" id={`${id}-error`}>
        {error ?? ''}
      </p>
    </fieldset>
  );
}

/** One checkbox per choice, ticking its value in or out of `value` (appended, or in the choices' order). */
export function CheckList<V extends string>({
  idPrefix,
  choices,
  value,
  onChange,
  className = 'check-list',
  invalid = false,
  ordered = false,
  disabled,
  labelClassName,
}: {
  idPrefix: string;
  choices: readonly { value: V; label: ReactNode }[];
  value: readonly V[];
  onChange: (value: V[]) => void;
  className?: string;
  /** Marks the first box for the group's error. */
  invalid?: boolean;
  /** Keep the ticked values in the choices' order rather than in the order they were ticked. */
  ordered?: boolean;
  disabled?: boolean;
  labelClassName?: string;
}) {
  const toggle = (v: V, on: boolean) => {
    const next = on ? (value.includes(v) ? [...value] : [...value, v]) : value.filter((x) => x !== v);
    onChange(ordered ? choices.map((c) => c.value).filter((c) => next.includes(c)) : next);
  };
  return (
    <div className={className}>
      {choices.map((c, i) => (
        <CheckField
          key={c.value}
          id={`${idPrefix}-${c.value.replace(/[^A-Za-z0-9_-]/g, '-')}`}
          label={c.label}
          checked={value.includes(c.value)}
          onChange={(on) => toggle(c.value, on)}
          invalid={invalid && i === 0}
          disabled={disabled}
          labelClassName={labelClassName}
        />
      ))}
    </div>
  );
}

/** A few exclusive choices as radio buttons under a legend (cloud, how to sign in). */
export function RadioChoice<V extends string>({
  name,
  legend,
  choices,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  choices: readonly { value: V; label: ReactNode }[];
  value: V;
  onChange: (value: V) => void;
}) {
  return (
    <fieldset className="choice">
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c.value} className="choice-option">
          <input
            type="radio"
            name={name}
            value={c.value}
            checked={value === c.value}
            onChange={() => onChange(c.value)}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}
