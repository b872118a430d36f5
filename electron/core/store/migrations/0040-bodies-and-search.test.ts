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

const insertMessage = (d: Db, id: number, subject: string, from = 'info@amazon.co.jp'): void => {
  d.prepare(
    `INSERT INTO messages (id, dedupe_key, source, from_addr, from_name, subject, size, status, imported_at)
     VALUES (?, ?, 'imap:1/INBOX/1/1', ?, 'Amazon.co.jp', ?, 1, 'recognised', 'now')`,
  ).run(id, `k${id}`, from, subject);
};
const insertSignal = (d: Db, id: number, messageId: number, orderId: string | null = null): void => {
  d.prepare(
    `INSERT INTO signals (id, message_id, seq, kind, vendor, rule_id, occurred_at, occurred_ms, order_id, verdict,
                          verdict_reason)
     VALUES (?, ?, 0, 'giftcard.purchased', 'amazon.co.jp', 'r', 't', 0, ?, 'verified', 'x')`,
  ).run(id, messageId, orderId);
};
const search = (d: Db, q: string): number[] =>
  (
    d.prepare('SELECT rowid FROM signals_fts WHERE signals_fts MATCH ? ORDER BY rowid').all(q) as {
      rowid: number;
    }[]
  ).map((r) => r.rowid);

describe('migration 0040 (bodies and search)', () => {
  it('adds bodies, the image allow-list and the search index over a 0030 database, indexing its signals', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-m0040-'));
    const file = path.join(dir, 'db.sqlite');
    const old = openDb(file, { targetVersion: 30 });
    insertMessage(old, 1, 'Amazon.co.jp ギフトカードのご注文');
    insertSignal(old, 1, 1, '503-1234567-7654321');
    old.close();

    db = openDb(file, { targetVersion: 40 });
    expect(schemaVersion(db)).toBe(40);
    // Existing rows stay as they were, and are searchable at once.
    expect(db.prepare('SELECT count(*) AS n FROM signals').get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'signals_fts'").get()).toEqual({
      sql: expect.stringContaining('trigram'),
    });
    expect(search(db, '"ギフトカード"')).toEqual([1]);
    expect(search(db, '"1234567"')).toEqual([1]);
    expect(search(db, '"amazon.co.jp"')).toEqual([1]);
  });

  it('keeps the index in step with signals through triggers', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-m0040-'));
    db = openDb(path.join(dir, 'db.sqlite'), { targetVersion: 40 });
    insertMessage(db, 1, '【楽天銀行】デビットカードご利用通知', 'service@ac.rakuten-bank.co.jp');
    insertSignal(db, 7, 1);
    expect(search(db, '"デビット"')).toEqual([7]);
    db.prepare("UPDATE signals SET merchant = 'ガウディ茶屋町店' WHERE id = 7").run();
    expect(search(db, '"茶屋町"')).toEqual([7]);
    db.prepare('DELETE FROM signals WHERE id = 7').run();
    expect(search(db, '"デビット"')).toEqual([]);
    // A cascade from messages removes the signal's entry too.
    insertSignal(db, 8, 1);
    db.prepare('DELETE FROM messages WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM signals_fts').get()).toEqual({ n: 0 });
  });

  it('deletes a kept body with its message and keeps image senders lower-cased', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-m0040-'));
    db = openDb(path.join(dir, 'db.sqlite'), { targetVersion: 40 });
    insertMessage(db, 1, 's');
    db.prepare("INSERT INTO message_bodies (message_id, size, raw) VALUES (1, 3, x'616263')").run();
    expect(db.prepare('SELECT encoding FROM message_bodies').get()).toEqual({ encoding: 'deflate-raw' });
    expect(() =>
      db
        .prepare("INSERT INTO message_bodies (message_id, encoding, size, raw) VALUES (1, 'gzip', 1, x'00')")
        .run(),
    ).toThrow(/CHECK|UNIQUE/);
    db.prepare('DELETE FROM messages WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM message_bodies').get()).toEqual({ n: 0 });
    expect(() =>
      db.prepare("INSERT INTO image_senders (sender, allowed_at) VALUES ('News@Shop.example', 'now')").run(),
    ).toThrow(/CHECK/);
    db.prepare("INSERT INTO image_senders (sender, allowed_at) VALUES ('news@shop.example', 'now')").run();
  });
});
