import type { Db } from '../db';
import type { Migration } from './index';

/**
 * The timeline review (issue 6): the evidence behind each signal and a way to find it again.
 *
 * - message_bodies: the raw source of every mail that produced a signal (never of ignored mail), compressed with
 *   raw DEFLATE (zlib deflateRawSync). The detail pane shows it, the incident report quotes it. Written by
 *   commitMails in the same transaction as its message; deleted with it.
 * - image_senders: the senders whose remote images the user chose to load (per address, lower-cased).
 * - signals_fts: full-text search over each signal's subject, sender, merchant, vendor, order id and recipient,
 *   kept in step with `signals` by triggers (so every writer, including a settlement replacing its twin, keeps it
 *   right). The trigram tokenizer (SQLite 3.34+) finds Japanese written without spaces; unicode61 where the
 *   linked SQLite lacks it. The search code reads which one from sqlite_master.
 * - indexes for the timeline's filters, each ending in occurred_ms so a filtered page walks one index in order.
 *
 * Existing tables are left as they are: this migration only adds.
 */
const FTS_COLUMNS = ['subject', 'sender', 'merchant', 'vendor', 'order_id', 'recipient'] as const;

const FTS_ROW = `m.subject, trim(m.from_name || ' ' || m.from_addr), coalesce(s.merchant, ''), s.vendor,
  coalesce(s.order_id, ''), coalesce(s.recipient, '')`;

function createFts(db: Db): void {
  const columns = FTS_COLUMNS.join(', ');
  try {
    db.exec(`CREATE VIRTUAL TABLE signals_fts USING fts5(${columns}, tokenize = 'trigram')`);
  } catch {
    db.exec(
      `CREATE VIRTUAL TABLE signals_fts USING fts5(${columns}, tokenize = 'unicode61 remove_diacritics 2')`,
    );
  }
}

const migration: Migration = {
  version: 40,
  name: 'bodies-and-search',
  up(db) {
    db.exec(`
      CREATE TABLE message_bodies (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        encoding   TEXT NOT NULL DEFAULT 'deflate-raw' CHECK (encoding IN ('deflate-raw')),
        -- Bytes of the raw source before compression (a prefix when only part of a huge mail was read).
        size       INTEGER NOT NULL,
        raw        BLOB NOT NULL
      );

      CREATE TABLE image_senders (
        sender     TEXT PRIMARY KEY CHECK (sender = lower(sender)),
        allowed_at TEXT NOT NULL
      );

      CREATE INDEX messages_source ON messages(source);
      CREATE INDEX signals_kind_time ON signals(kind, occurred_ms);
      CREATE INDEX signals_vendor_time ON signals(vendor, occurred_ms);
      CREATE INDEX signals_verdict_time ON signals(verdict, occurred_ms);
      CREATE INDEX signals_message_time ON signals(message_id, occurred_ms);
      CREATE INDEX incidents_severity ON incidents(severity);
    `);
    createFts(db);
    const columns = FTS_COLUMNS.join(', ');
    db.exec(`
      CREATE TRIGGER signals_fts_insert AFTER INSERT ON signals BEGIN
        INSERT INTO signals_fts (rowid, ${columns})
          SELECT s.id, ${FTS_ROW} FROM signals s JOIN messages m ON m.id = s.message_id WHERE s.id = NEW.id;
      END;
      CREATE TRIGGER signals_fts_delete AFTER DELETE ON signals BEGIN
        DELETE FROM signals_fts WHERE rowid = OLD.id;
      END;
      CREATE TRIGGER signals_fts_update AFTER UPDATE ON signals BEGIN
        DELETE FROM signals_fts WHERE rowid = OLD.id;
        INSERT INTO signals_fts (rowid, ${columns})
          SELECT s.id, ${FTS_ROW} FROM signals s JOIN messages m ON m.id = s.message_id WHERE s.id = NEW.id;
      END;
      INSERT INTO signals_fts (rowid, ${columns})
        SELECT s.id, ${FTS_ROW} FROM signals s JOIN messages m ON m.id = s.message_id;
    `);
  },
};

export default migration;
