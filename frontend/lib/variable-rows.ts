// The variables form's rows: a Global Variable as typed (its value kept as text, "no value here"
// as a flag), and back to the API's input. A row's key is only for React.
import type { GlobalVariable } from './variables-api';

export interface VariableRow {
  key: number;
  name: string;
  value: string;
  /** No value at this scope (declare flags only, or inherit the value). */
  unset: boolean;
  final: boolean;
  required: boolean;
  hidden: boolean;
  validationPattern: string;
  description: string;
}

let nextKey = 1;

export const emptyVariableRow = (): VariableRow => ({
  key: nextKey++,
  name: '',
  value: '',
  unset: false,
  final: false,
  required: false,
  hidden: false,
  validationPattern: '',
  description: '',
});

export const toVariableRow = (v: GlobalVariable): VariableRow => ({
  key: nextKey++,
  name: v.name,
  value: v.value ?? '',
  unset: v.value === null,
  final: v.final,
  required: v.required,
  hidden: v.hidden,
  validationPattern: v.validationPattern ?? '',
  description: v.description,
});

export const toVariableInput = (r: VariableRow) => ({
  name: r.name.trim(),
  value: r.unset ? null : r.value,
  final: r.final,
  required: r.required,
  hidden: r.hidden,
  ...(r.validationPattern ? { validationPattern: r.validationPattern } : {}),
  description: r.description,
});
