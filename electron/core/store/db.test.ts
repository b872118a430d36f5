import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DbVersionFromFutureError, migrate, openDb, schemaVersion } from './db';
import { MIGRATIONS } from './migrations';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const file = (): string => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-db-'));
  return path.join(dir, 'db.sqlite');
};

describe('openDb', () => {
  it('migrates a new file to the newest version, in WAL mode', () => {
    const db = openDb(file());
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('numbers migrations in increasing steps of 10', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    for (const v of versions) expect(v % 10).toBe(0);
  });

  it('does nothing the second time', () => {
    const f = file();
    openDb(f).close();
    const db = openDb(f);
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)?.version);
    db.close();
  });

  it('refuses a database from a newer Mimamori and leaves it untouched', () => {
    const f = file();
    const raw = new Database(f);
    raw.pragma('user_version = 9990');
    raw.close();
    expect(() => openDb(f)).toThrow(DbVersionFromFutureError);
    const check = new Database(f);
    expect(check.pragma('user_version', { simple: true })).toBe(9990);
    check.close();
  });

  it('rolls a failing migration back entirely', () => {
    const db = new Database(':memory:');
    const broken = [
      { version: 10, name: 'ok', up: (d: Database.Database) => d.exec('CREATE TABLE a (x)') },
      {
        version: 20,
        name: 'fails',
        up: () => {
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, undefined, broken)).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
  });
});
