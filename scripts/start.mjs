// `npm start` (serve) and `npm run leeway -- <command>` (CLI): build what is stale, then run
// the bundled server in this same process so signals reach it directly.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIfNeeded } from './build-if-needed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const cli = args[0] === '--cli';
const commandArgs = cli ? args.slice(1) : ['serve'];

buildIfNeeded(cli && commandArgs[0] !== 'serve' ? ['server'] : ['server', 'web']);
const { run } = await import(pathToFileURL(path.join(root, 'server/dist/leeway.mjs')).href);
await run(commandArgs);
