// `npm test`: type check, lint, then every vitest project (core, server on SQLite and
// PostgreSQL, web units, browser end-to-end). Suites that need PostgreSQL or Chromium skip
// with a printed reason when those are missing, unless LEEWAY_REQUIRE_ALL_SUITES=1 (CI),
// where a skip is a failure. The last line is always "N passed, N failed[, N skipped]".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireAll = process.env.LEEWAY_REQUIRE_ALL_SUITES === '1';
const extraArgs = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

if (!process.env.TEST_DATABASE_URL) {
  if (await reachable('127.0.0.1', 5432)) {
    process.env.TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
    console.log(`[test] PostgreSQL found on 127.0.0.1:5432: DB tests run on SQLite and PostgreSQL.`);
  } else if (requireAll) {
    console.error('[test] LEEWAY_REQUIRE_ALL_SUITES=1 but no PostgreSQL: set TEST_DATABASE_URL.');
    failed += 1;
  } else {
    console.log(
      '[test] SKIP PostgreSQL runs: TEST_DATABASE_URL is not set and nothing listens on 127.0.0.1:5432.',
    );
  }
}

function step(name, command, args) {
  console.log(`\n[test] ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status === 0) passed += 1;
  else failed += 1;
  return result.status === 0;
}

if (!extraArgs.length) {
  step('type check', 'npx', ['tsc', '-p', 'core']) &&
    step('type check', 'npx', ['tsc', '-p', 'server']) &&
    step('type check', 'npx', ['tsc', '-p', 'web']) &&
    // The benchmarks are not run by the tests, but they must keep compiling against the app.
    step('type check', 'npx', ['tsc', '-p', 'bench']);
  step('lint and format', 'npx', ['biome', 'ci', '.']);
}

const report = path.join(os.tmpdir(), `leeway-vitest-${process.pid}.json`);
console.log('\n[test] vitest');
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs],
  { cwd: root, stdio: 'inherit', env: process.env },
);
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  skipped += json.numPendingTests + (json.numTodoTests ?? 0);
  // A file that failed to load counts as a failure even though it ran no test.
  failed += json.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  fs.rmSync(report);
} else {
  failed += 1;
}
if (vitest.status !== 0 && failed === 0) failed += 1;
if (requireAll && skipped > 0) {
  console.error(`[test] LEEWAY_REQUIRE_ALL_SUITES=1 but ${skipped} tests were skipped.`);
  failed += skipped;
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
