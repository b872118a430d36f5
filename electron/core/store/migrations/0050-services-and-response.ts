import type { Migration } from './index';

/**
 * Responding to account takeover (issue 6): the service accounts the user watches, each with its last password
 * change and reminder policy; every rotation confirmed ("Done?"); every official URL the core opened or handed to
 * the window (the proof that one click led to the vendor's own page); the response playbook's steps with the time
 * each was done; and the user's own refund window per bank.
 */
const migration: Migration = {
  version: 50,
  name: 'services-and-response',
  up(db) {
    db.exec(`
      CREATE TABLE services (
        vendor      TEXT PRIMARY KEY,
        origin      TEXT NOT NULL CHECK (origin IN ('mailbox', 'manual')),
        -- Removed by the user: not proposed again from the mailbox.
        hidden      INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
        policy      TEXT NOT NULL DEFAULT 'evidence' CHECK (policy IN ('evidence', 'periodic')),
        period_days INTEGER CHECK (period_days IS NULL OR period_days BETWEEN 1 AND 3650),
        -- The last change entered by hand or confirmed after a rotation (ISO 8601 with offset).
        changed_at  TEXT,
        changed_how TEXT CHECK (changed_how IN ('entered', 'rotation')),
        -- When the reminder for the current due period was notified; cleared when it stops being due.
        reminded_at TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        CHECK (policy = 'evidence' OR period_days IS NOT NULL),
        CHECK ((changed_at IS NULL) = (changed_how IS NULL))
      );

      CREATE TABLE rotations (
        id          INTEGER PRIMARY KEY,
        vendor      TEXT NOT NULL,
        rotated_at  TEXT NOT NULL,
        incident_id INTEGER REFERENCES incidents(id) ON DELETE SET NULL
      );
      CREATE INDEX rotations_vendor ON rotations(vendor, rotated_at);

      CREATE TABLE opened_urls (
        id          INTEGER PRIMARY KEY,
        opened_at   TEXT NOT NULL,
        vendor      TEXT NOT NULL,
        url         TEXT NOT NULL CHECK (url LIKE 'https://%'),
        purpose     TEXT NOT NULL CHECK (purpose IN ('password', 'signout', 'twoStep', 'orders', 'contact')),
        incident_id INTEGER REFERENCES incidents(id) ON DELETE SET NULL,
        via         TEXT NOT NULL CHECK (via IN ('shell', 'renderer'))
      );

      CREATE TABLE playbook_steps (
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        step        TEXT NOT NULL,
        done_at     TEXT NOT NULL,
        -- Bank steps: {"charges": [signal ids]} reported with it.
        detail      TEXT CHECK (detail IS NULL OR json_valid(detail)),
        PRIMARY KEY (incident_id, step)
      );

      CREATE TABLE refund_windows (
        vendor     TEXT PRIMARY KEY,
        days       INTEGER NOT NULL CHECK (days BETWEEN 1 AND 3650),
        updated_at TEXT NOT NULL
      );
    `);
  },
};

export default migration;
