import type { Migration } from './index';

/** The user's own rules (shared/userRules.ts), stored as their validated JSON: small, few, exported whole. */
const migration: Migration = {
  version: 30,
  name: 'user-rules',
  up(db) {
    db.exec(`
      CREATE TABLE user_rules (
        id         INTEGER PRIMARY KEY,
        json       TEXT NOT NULL CHECK (json_valid(json)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};

export default migration;
