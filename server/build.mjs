// Bundles the server (and the core package it imports as TypeScript) into one ES module.
// npm packages stay external: they are installed beside it and some are native.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));
const rootPkg = JSON.parse(fs.readFileSync(path.join(here, '..', 'package.json'), 'utf8'));
const corePkg = JSON.parse(fs.readFileSync(path.join(here, '..', 'core', 'package.json'), 'utf8'));
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(corePkg.dependencies ?? {})];

await build({
  entryPoints: [path.join(here, 'src/cli.ts')],
  outfile: path.join(here, 'dist/leeway.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external,
  define: { __LEEWAY_VERSION__: JSON.stringify(rootPkg.version) },
  logLevel: 'warning',
});
console.log('[leeway] server bundle written to server/dist/leeway.mjs');
