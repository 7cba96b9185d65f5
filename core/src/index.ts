export * from './contract/common.ts';
export * from './contract/health.ts';
export * from './contract/users.ts';
export * from './contract/workspaces.ts';
export * from './errors.ts';
export * from './locale.ts';
export * from './roles.ts';
