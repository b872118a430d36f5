import type { Migration } from './index';

/**
 * Minimal message metadata (never whole bodies: the mailbox stays the record, we keep what explains a signal),
 * signals, links between them, incidents with their history, and settings.
 */
const migration: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE messages (
        id             INTEGER PRIMARY KEY,
        dedupe_key     TEXT NOT NULL UNIQUE,
        message_id     TEXT,
        source         TEXT NOT NULL,
        from_addr      TEXT NOT NULL DEFAULT '',
        from_name      TEXT NOT NULL DEFAULT '',
        subject        TEXT NOT NULL DEFAULT '',
        date_iso       TEXT,
        size           INTEGER NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('recognised', 'ignored', 'unparsed')),
        error          TEXT,
        claimed_vendor TEXT,
        verdict        TEXT CHECK (verdict IN ('verified', 'unverified', 'suspicious')),
        verdict_reason TEXT,
        imported_at    TEXT NOT NULL
      );
      CREATE INDEX messages_status ON messages(status);

      CREATE TABLE signals (
        id             INTEGER PRIMARY KEY,
        message_id     INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        seq            INTEGER NOT NULL,
        kind           TEXT NOT NULL,
        vendor         TEXT NOT NULL,
        rule_id        TEXT NOT NULL,
        amount_minor   INTEGER,
        currency       TEXT,
        occurred_at    TEXT NOT NULL,
        occurred_ms    INTEGER NOT NULL,
        merchant       TEXT,
        card_last4     TEXT,
        order_id       TEXT,
        recipient      TEXT,
        verdict        TEXT NOT NULL CHECK (verdict IN ('verified', 'unverified', 'suspicious')),
        verdict_reason TEXT NOT NULL,
        UNIQUE (message_id, seq),
        CHECK ((amount_minor IS NULL) = (currency IS NULL))
      );
      CREATE INDEX signals_time ON signals(occurred_ms);
      CREATE INDEX signals_kind ON signals(kind, vendor);

      CREATE TABLE links (
        from_signal INTEGER NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
        to_signal   INTEGER NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
        rule        TEXT NOT NULL,
        confidence  REAL NOT NULL,
        reason      TEXT NOT NULL,
        PRIMARY KEY (from_signal, to_signal)
      );
      CREATE INDEX links_to ON links(to_signal);

      CREATE TABLE incidents (
        id            INTEGER PRIMARY KEY,
        kind          TEXT NOT NULL,
        vendor        TEXT NOT NULL,
        severity      TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        status        TEXT NOT NULL CHECK (status IN ('open', 'dismissed', 'confirmed', 'snoozed')),
        snoozed_until TEXT,
        opened_at     TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX incidents_status ON incidents(status);

      CREATE TABLE incident_signals (
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        signal_id   INTEGER NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
        PRIMARY KEY (incident_id, signal_id)
      );
      CREATE INDEX incident_signals_signal ON incident_signals(signal_id);

      -- What happened to an incident and when: opened, escalated, dismissed ("this was me"), confirmed, snoozed.
      CREATE TABLE incident_history (
        id          INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        at          TEXT NOT NULL,
        action      TEXT NOT NULL,
        detail      TEXT
      );

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};

export default migration;
