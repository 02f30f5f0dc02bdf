// Global Variables: declarations per scope, their resolution, and the built-in DROVER_* facts.
export * from './built-ins';
export * from './resolution-view';
export * from './resolve';
export * from './schema';
export * from './variable-set';
