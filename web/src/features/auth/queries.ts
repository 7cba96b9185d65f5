/** Query keys of the auth feature. The session is the root of every other query. */
export const sessionKeys = {
  all: ['session'] as const,
};
