// Global Variables: declarations per scope, their resolution, and the built-in DROVER_* facts.
export * from './built-ins';
export * from './missing-required';
export * from './resolution-view';
export * from './resolve';
export * from './schema';
export * from './substitute';
export * from './variable-set';
