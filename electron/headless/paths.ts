/**
 * Where the app keeps its data. The same folder Electron's app.getPath('userData') gives for productName
 * "Mimamori", so both shells share one database on a machine.
 */
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Mimamori');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Mimamori');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Mimamori');
}

/** --data-dir wins, then MIMAMORI_DATA_DIR, then the platform default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(flag ?? env.MIMAMORI_DATA_DIR ?? defaultDataDir(process.platform, env));
}
