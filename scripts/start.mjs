// `npm start`: the Electron app where Electron can run, otherwise the headless shell, saying why in one line.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuilt } from './build-if-stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Why Electron cannot start here, or null when it can. Never triggers Electron's first-launch download. */
function electronUnavailable() {
  const dir = path.join(root, 'node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile))
    return "Electron's binary is not installed (it downloads from GitHub, unreachable here)";
  const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(bin)) return `Electron's binary is missing (${path.relative(root, bin)})`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'there is no display ($DISPLAY is unset)';
  return null;
}

ensureBuilt();
const args = process.argv.slice(2);
const why = process.env.MIMAMORI_HEADLESS ? 'MIMAMORI_HEADLESS is set' : electronUnavailable();
if (why) {
  process.stderr.write(`mimamori: starting the headless shell because ${why}.\n`);
  const { main } = await import(pathToFileURL(path.join(root, 'out/main/cli.js')).href);
  process.exitCode = await main(['headless', ...args]);
} else {
  const bin = path.join(
    root,
    'node_modules/electron/dist',
    readFileSync(path.join(root, 'node_modules/electron/path.txt'), 'utf8').trim(),
  );
  const child = spawn(bin, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => (process.exitCode = code ?? 1));
}
