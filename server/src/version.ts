/** Set by the build (esbuild `define`); "dev" when running from source. */
declare const __LEEWAY_VERSION__: string | undefined;
export const version: string = typeof __LEEWAY_VERSION__ === 'string' ? __LEEWAY_VERSION__ : 'dev';
