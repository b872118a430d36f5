import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, schemaVersion, type Db } from '../db';

let dir = '';
let db: Db;
afterEach(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0030 (user rules)', () => {
  it('adds user_rules over a 0020 database and accepts only valid JSON', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-m0030-'));
    const file = path.join(dir, 'db.sqlite');
    openDb(file, { targetVersion: 20 }).close();
    db = openDb(file, { targetVersion: 30 });
    expect(schemaVersion(db)).toBe(30);
    db.prepare('INSERT INTO user_rules (json, created_at, updated_at) VALUES (?, ?, ?)').run(
      '{"name":"x"}',
      'now',
      'now',
    );
    expect(() =>
      db
        .prepare('INSERT INTO user_rules (json, created_at, updated_at) VALUES (?, ?, ?)')
        .run('{oops', 'now', 'now'),
    ).toThrow(/CHECK/);
  });
});
