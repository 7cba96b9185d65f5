import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const api = { '/api': { target: 'http://localhost:3000', changeOrigin: false } };

/**
 * `@leeway/core` builds its TypeBox schemas at module level. The web client only reads the
 * plain values beside them (limits, error codes, locales), but a bundler must assume a call has
 * side effects, so every schema and all of TypeBox would ship to the browser (~19 kB gzipped).
 * Two rewrites, for core's own files only, let tree-shaking drop them:
 * - `Type.X(…)` calls are marked pure (dropped when their result is unused, kept otherwise);
 * - the default import of TypeBox becomes the namespace import of `typebox/type`, which exports
 *   the same functions (same identities) but without a module-level namespace object that
 *   would keep all of them alive.
 * If core changes its import style the regexes stop matching and the bundle just grows again.
 */
function pureCoreSchemas(): Plugin {
  return {
    name: 'leeway:pure-core-schemas',
    transform(code, id) {
      if (!/[\\/]core[\\/]src[\\/].*\.ts$/.test(id)) return null;
      const pure = code
        .replace(/(?<![\w.$])Type\.(?=\w+\()/g, '/* @__PURE__ */ Type.')
        .replace(
          /import Type(?:,\s*\{[^}]*\})?\s+from\s+['"]typebox['"]/,
          "import * as Type from 'typebox/type'",
        );
      return { code: pure, map: null };
    },
  };
}

// Test runners export NODE_ENV=test, and a build started from one (the browser tests build
// the app on demand) would otherwise ship React's development build. `vite build` is always a
// production build here; `vite` (dev) is unaffected.
if (process.argv.includes('build') && process.env.NODE_ENV !== 'production') {
  process.env.NODE_ENV = 'production';
}

export default defineConfig({
  base: '/',
  plugins: [react(), pureCoreSchemas()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: a separate chunk stays cached across releases.
        codeSplitting: {
          groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/]/ }],
        },
      },
    },
  },
  server: { proxy: api },
  preview: { proxy: api },
});
