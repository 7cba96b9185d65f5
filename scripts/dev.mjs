// `npm run dev`: the API from source with reload (tsx) on :3000 and Vite's dev server on
// :5173, which proxies /api to it. Open http://localhost:5173.
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', 'server/src/bin.ts', 'serve'], {
    stdio: 'inherit',
    env: { ...process.env, WEB_DIR: '', BASE_URL: process.env.BASE_URL ?? 'http://localhost:5173' },
  }),
  spawn('npm', ['run', 'dev', '-w', 'web'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);
