import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Recharts and the packages only it brings in (d3 parts, Redux Toolkit and its helpers). */
const chartModules =
  /[\\/]node_modules[\\/](recharts|victory-vendor|d3-[a-z-]+|internmap|@reduxjs|redux|redux-thunk|react-redux|reselect|immer|es-toolkit|decimal\.js-light|eventemitter3|tiny-invariant|clsx|use-sync-external-store|react-is|@standard-schema)[\\/]/;

const api = { '/api': { target: 'http://localhost:3000', changeOrigin: false } };

// Test runners export NODE_ENV=test, and a build started from one (the browser tests build
// the app on demand) would otherwise ship React's development build. `vite build` is always a
// production build here; `vite` (dev) is unaffected.
if (process.argv.includes('build') && process.env.NODE_ENV !== 'production') {
  process.env.NODE_ENV = 'production';
}

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: a separate chunk stays cached across releases.
        codeSplitting: {
          // Drag and drop (only the board needs it) stays out, so it loads with the board, not the first screen.
          // So does TypeBox: the app imports core's constants and rules (limits.ts), not its schemas;
          // should a page ever import one, TypeBox loads with that page, not with every first
          // screen (in vendor it cost 17 KB gzip there).
          // So do Recharts and its own dependencies (only insights and lessons draw charts): their
          // own chunk, loaded with those pages.
          // Vendor goes first (higher priority): a group also takes its modules' dependencies, and
          // React must stay in vendor, not be pulled into the charts chunk.
          groups: [
            {
              name: 'vendor',
              test: (id) =>
                /[\\/]node_modules[\\/](?!@dnd-kit[\\/]|typebox[\\/])/.test(id) && !chartModules.test(id),
              priority: 2,
            },
            { name: 'charts', test: chartModules, priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: api },
  preview: { proxy: api },
});
