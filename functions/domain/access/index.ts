export * from './acl-role';
export * from './api-token';
export * from './can';
export * from './me';
export * from './permissions';
export * from './team';
export * from './user';
