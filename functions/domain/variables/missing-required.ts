// The refusal of a farm launch whose farm roles lack required Global Variables (or hold values that
// fail a pattern, or tags that cannot be filled): 422 with the list of what is missing per farm role,
// and a field issue for each problem so forms can point at it.
import { type FieldIssue, Unprocessable } from '../errors';
import type { VariableScope } from './schema';

export interface MissingVariable {
  farmRoleId: string;
  farmRoleAlias: string;
  name: string;
  /** The scope whose declaration made the variable required. */
  declaredAt: VariableScope;
}

export class MissingRequiredVariables extends Unprocessable {
  constructor(
    message: string,
    readonly missing: MissingVariable[],
    issues: FieldIssue[],
  ) {
    super(message, issues);
  }
}
