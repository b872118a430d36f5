// `npm run scan|headless|cli -- ARGS`: build if stale, then run the CLI in this process (no second Node start).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuilt } from './build-if-stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureBuilt();
const { main } = await import(pathToFileURL(path.join(root, 'out/main/cli.js')).href);
process.exitCode = await main(process.argv.slice(2));
