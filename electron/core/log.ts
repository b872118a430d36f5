/**
 * A small structured log: one JSON object per line in <data dir>/logs/mimamori.log, rotated at 5 MB with one
 * old file kept. It records what a user or a developer needs to understand a sync (connections, batches,
 * failures, incidents) and never a secret: passwords are not passed to it, and the tests read the files to
 * prove it.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

export type Level = 'info' | 'warn' | 'error';

export interface Logger {
  log(level: Level, msg: string, fields?: Record<string, string | number | boolean | null>): void;
}

export const NO_LOG: Logger = { log: () => undefined };

const MAX_BYTES = 5 * 1024 * 1024;

export function fileLogger(dataDir: string, echo: (line: string) => void = () => undefined): Logger {
  const dir = path.join(dataDir, 'logs');
  const file = path.join(dir, 'mimamori.log');
  let ready = false;
  return {
    log(level, msg, fields = {}) {
      const line = JSON.stringify({ at: new Date().toISOString(), level, msg, ...fields });
      try {
        if (!ready) {
          mkdirSync(dir, { recursive: true, mode: 0o700 });
          ready = true;
        }
        if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES) renameSync(file, `${file}.1`);
        appendFileSync(file, `${line}\n`, { mode: 0o600 });
      } catch {
        // A full disk must not stop the watching; the echo below still shows the line.
      }
      if (level !== 'info') echo(line);
    },
  };
}
