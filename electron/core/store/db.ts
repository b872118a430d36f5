/**
 * The SQLite database (better-sqlite3, WAL). One migration per file under ./migrations, applied in order inside
 * one transaction and tracked with PRAGMA user_version (Signal Desktop's scheme: numbered in steps of 10 so a
 * hotfix can slot in between).
 */
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export class DbVersionFromFutureError extends Error {
  override readonly name = 'DbVersionFromFutureError';
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was written by a newer Mimamori (schema ${found}; this version knows up to ${supported}). ` +
        'Update Mimamori, or point it at another data directory.',
    );
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the current version, up to `target` (default: all). */
export function migrate(db: Db, target?: number, migrations: readonly Migration[] = MIGRATIONS): number {
  const max = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > max) throw new DbVersionFromFutureError(current, max);
  const upTo = target ?? max;
  const pending = migrations.filter((m) => m.version > current && m.version <= upTo);
  if (pending.length === 0) return current;
  db.transaction(() => {
    let last = current;
    for (const m of pending) {
      if (m.version <= last) throw new Error(`migration ${m.version} is out of order after ${last}`);
      m.up(db);
      last = m.version;
    }
    db.pragma(`user_version = ${last}`);
  })();
  return upTo;
}

export interface OpenOptions {
  readonly readonly?: boolean;
  /** Stop at this schema version (migration tests). */
  readonly targetVersion?: number;
}

export function openDb(file: string, opts: OpenOptions = {}): Db {
  const db = new Database(file, { readonly: opts.readonly ?? false });
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode is durable against application crashes (kill -9); only an OS crash can lose the
    // last transactions, never corrupt the file (https://www.sqlite.org/pragma.html#pragma_synchronous).
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!opts.readonly) migrate(db, opts.targetVersion);
  return db;
}
