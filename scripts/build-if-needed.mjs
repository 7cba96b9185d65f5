// Builds the server bundle and the web app when their output is missing or older than any
// source file, so `npm start` works straight after `npm install` and after every `git pull`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(paths) {
  let latest = 0;
  const walk = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) {
        if (entry === 'node_modules' || entry === 'dist') continue;
        walk(path.join(p, entry));
      }
    } else if (!/\.test\.tsx?$/.test(p)) {
      latest = Math.max(latest, stat.mtimeMs);
    }
  };
  for (const p of paths) walk(path.join(root, p));
  return latest;
}

function mtime(file) {
  try {
    return fs.statSync(path.join(root, file)).mtimeMs;
  } catch {
    return 0;
  }
}

const targets = {
  server: {
    output: 'server/dist/leeway.mjs',
    sources: ['core/src', 'server/src', 'server/build.mjs', 'package.json'],
  },
  web: {
    output: 'web/dist/index.html',
    sources: ['core/src', 'web/src', 'web/index.html', 'web/vite.config.ts', 'web/public'],
  },
};

/** @param {Array<'server' | 'web'>} which */
export function buildIfNeeded(which = ['server', 'web']) {
  for (const name of which) {
    const { output, sources } = targets[name];
    if (mtime(output) >= newest(sources)) continue;
    console.log(`[leeway] building ${name}…`);
    const result = spawnSync('npm', ['run', 'build', '-w', name], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`[leeway] building ${name} failed`);
      process.exit(result.status ?? 1);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildIfNeeded();
