// Runs the CLI from source (development: `npm run dev`); production runs the bundle.
import { run } from './cli.ts';

await run(process.argv.slice(2));
