/** Builds the server bundle and/or the web app when a source is newer than the build. */
export function buildIfNeeded(which?: Array<'server' | 'web'>): void;
