import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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
          groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/](?!@dnd-kit[\\/])/ }],
        },
      },
    },
  },
  server: { proxy: api },
  preview: { proxy: api },
});
