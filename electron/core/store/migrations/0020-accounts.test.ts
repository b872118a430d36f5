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

describe('migration 0020 (accounts)', () => {
  it('adds accounts and mailboxes over an existing 0010 database, keeping its mail', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-m0020-'));
    const file = path.join(dir, 'db.sqlite');
    db = openDb(file, { targetVersion: 10 });
    db.exec(
      "INSERT INTO messages (dedupe_key, source, size, status, imported_at) VALUES ('k', 's', 1, 'ignored', 'now')",
    );
    db.close();
    db = openDb(file, { targetVersion: 20 });
    expect(schemaVersion(db)).toBe(20);
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 1 });
    db.exec(
      "INSERT INTO accounts (id, label, host, port, tls, user, created_at) VALUES (1, 'a', 'h', 993, 'implicit', 'u', 'now')",
    );
    // UIDVALIDITY and HIGHESTMODSEQ are kept as exact decimal text: a 63-bit modseq survives untouched.
    db.exec(
      "INSERT INTO mailboxes (account_id, path, role, uid_validity, highest_modseq) VALUES (1, 'INBOX', 'inbox', '4294967295', '9223372036854775807')",
    );
    expect(db.prepare('SELECT uid_validity, highest_modseq FROM mailboxes').get()).toEqual({
      uid_validity: '4294967295',
      highest_modseq: '9223372036854775807',
    });
    expect(() =>
      db.exec(
        "INSERT INTO accounts (label, host, port, tls, user, created_at) VALUES ('b', 'h', 993, 'ssl', 'u2', 'now')",
      ),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(
        "INSERT INTO accounts (label, host, port, tls, user, created_at) VALUES ('c', 'h', 993, 'implicit', 'u', 'now')",
      ),
    ).toThrow(/UNIQUE/);
    db.exec('DELETE FROM accounts WHERE id = 1');
    expect(db.prepare('SELECT count(*) AS n FROM mailboxes').get()).toEqual({ n: 0 });
  });
});
