// The portal's form fields: a labelled control with its hint and its error underneath (the
// error found at the field's problem+json path, see lib/field-errors.ts and fieldScope). The
// error line always takes its height, so an error appearing does not push the form down.
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

export function FormField({
  id,
  label,
  error,
  hint,
  className,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {hint && (
        <p className="field-hint muted" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <p className="field-error" id={`${id}-error`}>
        {error ?? ''}
      </p>
    </div>
  );
}

/** The common case: a FormField around one text-like input whose value is a string of the draft. */
export function TextField({
  id,
  label,
  error,
  hint,
  value,
  onChange,
  ...input
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>) {
  return (
    <FormField id={id} label={label} error={error} hint={hint}>
      {(p) => <input {...p} {...input} value={value} onChange={(e) => onChange(e.target.value)} />}
    </FormField>
  );
}

/** A whole number typed as text (the draft keeps what was typed; the schema says what is wrong). */
export function NumberField(props: Parameters<typeof TextField>[0]) {
  return <TextField inputMode="numeric" {...props} />;
}

/** Several lines of text: a script body, a reason, a PEM key. */
export function TextAreaField({
  id,
  label,
  error,
  hint,
  value,
  onChange,
  ...textarea
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange'>) {
  return (
    <FormField id={id} label={label} error={error} hint={hint}>
      {(p) => <textarea {...p} {...textarea} value={value} onChange={(e) => onChange(e.target.value)} />}
    </FormField>
  );
}

/** Key/value pairs (tags), one `key=value` a line; the draft converts them for the API. */
export function KeyValueField({
  hint = 'One key=value per line',
  rows = 3,
  ...props
}: Omit<Parameters<typeof TextAreaField>[0], 'hint'> & { hint?: string }) {
  return <TextAreaField hint={hint} rows={rows} {...props} />;
}

/** A checkbox with its label beside it. */
export function CheckField({
  id,
  label,
  checked,
  onChange,
  disabled,
  invalid = false,
  labelClassName,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  /** Marks the box for a group's error (the first box of a CheckGroup carries it). */
  invalid?: boolean;
  labelClassName?: string;
}) {
  return (
    <div className="check-field">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        {...(invalid ? { 'aria-invalid': true as const } : {})}
      />
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
    </div>
  );
}
