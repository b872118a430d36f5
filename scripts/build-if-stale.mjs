// Builds with electron-vite when any source is newer than the last build, so `npm run scan` works right after
// `npm install` on a fresh checkout. Build output goes to stderr: stdout belongs to the command being run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'out', '.build-stamp');
const INPUTS = ['electron', 'shared', 'renderer', 'package.json', 'electron.vite.config.ts'];

function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = s.mtimeMs;
  for (const e of readdirSync(p)) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    m = Math.max(m, newest(path.join(p, e)));
  }
  return m;
}

export function ensureBuilt({ force = false } = {}) {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const src = Math.max(
    ...INPUTS.map((i) => path.join(root, i))
      .filter(existsSync)
      .map(newest),
  );
  if (!force && built >= src && existsSync(path.join(root, 'out/main/cli.js'))) return;
  process.stderr.write('mimamori: building (sources changed since the last build)…\n');
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 2, 2],
    },
  );
  if (r.status !== 0) {
    process.stderr.write('mimamori: the build failed (see above)\n');
    process.exit(r.status ?? 1);
  }
  writeFileSync(stamp, new Date().toISOString());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  ensureBuilt({ force: process.argv.includes('--force') });
}
