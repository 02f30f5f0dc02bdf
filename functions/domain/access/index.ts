export * from './acl-role';
export * from './api-token';
export * from './can';
export * from './permissions';
export * from './team';
export * from './user';
