// Small builders for Global Variable tests: a declaration with defaults, a layer at a scope.
import type { GlobalVariable, VariableLayer, VariableScope } from '../../../functions/domain/variables';

export const v = (
  name: string,
  value: string | null,
  extra: Partial<GlobalVariable> = {},
): GlobalVariable => ({
  name,
  value,
  final: false,
  required: false,
  hidden: false,
  description: '',
  ...extra,
});

export const layer = (scope: VariableScope, ...variables: GlobalVariable[]): VariableLayer => ({
  scope,
  variables,
});
