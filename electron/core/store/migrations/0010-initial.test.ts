import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, schemaVersion, type Db } from '../db';

let dir: string;
let db: Db;
afterEach(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(): Db {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-m0010-'));
  db = openDb(path.join(dir, 'db.sqlite'), { targetVersion: 10 });
  return db;
}

const tables = (d: Db): string[] =>
  (
    d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  ).map((r) => r.name);

describe('migration 0010 (initial)', () => {
  it('creates the tables and sets user_version 10', () => {
    const d = open();
    expect(schemaVersion(d)).toBe(10);
    expect(tables(d)).toEqual([
      'incident_history',
      'incident_signals',
      'incidents',
      'links',
      'messages',
      'settings',
      'signals',
    ]);
  });

  it('keeps one row per mail: the dedupe key is unique', () => {
    const d = open();
    const insert = d.prepare(
      "INSERT OR IGNORE INTO messages (dedupe_key, source, size, status, imported_at) VALUES ('k', 's', 1, 'ignored', 'now')",
    );
    expect(insert.run().changes).toBe(1);
    expect(insert.run().changes).toBe(0);
  });

  it('refuses an amount without a currency, and a verdict outside the three', () => {
    const d = open();
    d.exec(
      "INSERT INTO messages (id, dedupe_key, source, size, status, imported_at) VALUES (1, 'k', 's', 1, 'recognised', 'now')",
    );
    const sql =
      'INSERT INTO signals (message_id, seq, kind, vendor, rule_id, amount_minor, currency, occurred_at, occurred_ms, verdict, verdict_reason) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
    expect(() =>
      d.prepare(sql).run(0, 'payment.charge', 'v', 'r', 100, null, 't', 0, 'verified', 'x'),
    ).toThrow(/CHECK/);
    expect(() =>
      d.prepare(sql).run(1, 'payment.charge', 'v', 'r', 100, 'JPY', 't', 0, 'genuine', 'x'),
    ).toThrow(/CHECK/);
    expect(
      d.prepare(sql).run(2, 'payment.charge', 'v', 'r', 100, 'JPY', 't', 0, 'verified', 'x').changes,
    ).toBe(1);
  });

  it('deletes a message’s signals and links with it', () => {
    const d = open();
    d.exec(`
      INSERT INTO messages (id, dedupe_key, source, size, status, imported_at) VALUES (1, 'k', 's', 1, 'recognised', 'now');
      INSERT INTO signals (id, message_id, seq, kind, vendor, rule_id, occurred_at, occurred_ms, verdict, verdict_reason)
        VALUES (1, 1, 0, 'giftcard.opened', 'v', 'r', 't', 0, 'verified', 'x'), (2, 1, 1, 'payment.charge', 'v', 'r', 't', 0, 'verified', 'x');
      INSERT INTO links (from_signal, to_signal, rule, confidence, reason) VALUES (1, 2, 'same-amount', 0.9, 'r');
      DELETE FROM messages WHERE id = 1;`);
    expect(d.prepare('SELECT count(*) AS n FROM signals').get()).toEqual({ n: 0 });
    expect(d.prepare('SELECT count(*) AS n FROM links').get()).toEqual({ n: 0 });
  });
});
