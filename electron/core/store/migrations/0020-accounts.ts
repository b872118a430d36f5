import type { Migration } from './index';

/**
 * IMAP accounts (never their passwords: those are in the OS keychain) and per-mailbox sync state.
 * UIDVALIDITY and HIGHESTMODSEQ are 32-bit and 63-bit unsigned on the wire (RFC 3501 §2.3.1.1, RFC 7162
 * §3.1.1); imapflow hands them over as BigInt, so they are stored as decimal TEXT and never pass through a
 * JS number. UIDs are 32-bit and fit an INTEGER.
 */
const migration: Migration = {
  version: 20,
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id                  INTEGER PRIMARY KEY,
        label               TEXT NOT NULL,
        host                TEXT NOT NULL,
        port                INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        tls                 TEXT NOT NULL CHECK (tls IN ('implicit', 'starttls', 'none')),
        user                TEXT NOT NULL,
        auth                TEXT NOT NULL DEFAULT 'password' CHECK (auth IN ('password', 'oauth2')),
        -- A self-signed server certificate the user chose to trust: its SHA-256 fingerprint and the PEM, which
        -- becomes the only trust anchor for that account (certificate pinning, not "accept anything").
        trusted_fingerprint TEXT,
        trusted_cert        TEXT,
        backfill_months     INTEGER NOT NULL DEFAULT 12,
        poll_seconds        INTEGER NOT NULL DEFAULT 300,
        paused              INTEGER NOT NULL DEFAULT 0,
        created_at          TEXT NOT NULL,
        UNIQUE (host, port, user)
      );

      CREATE TABLE mailboxes (
        account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        path           TEXT NOT NULL,
        role           TEXT NOT NULL CHECK (role IN ('inbox', 'junk', 'all', 'other')),
        selected       INTEGER NOT NULL DEFAULT 1,
        uid_validity   TEXT,
        -- Every UID below uid_next has been looked at (new mail starts here).
        uid_next       INTEGER,
        highest_modseq TEXT,
        -- Backfill runs newest first: UIDs at or above backfill_below are done; NULL when finished.
        backfill_below INTEGER,
        backfill_total INTEGER NOT NULL DEFAULT 0,
        backfill_done  INTEGER NOT NULL DEFAULT 0,
        last_sync_at   TEXT,
        PRIMARY KEY (account_id, path)
      );
    `);
  },
};

export default migration;
