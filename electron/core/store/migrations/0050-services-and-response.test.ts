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

function upgraded(): Db {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-m0050-'));
  const file = path.join(dir, 'db.sqlite');
  const before = openDb(file, { targetVersion: 30 });
  before.exec(`
    INSERT INTO incidents (id, kind, vendor, severity, status, opened_at, updated_at)
      VALUES (1, 'giftcard_fraud', 'amazon.co.jp', 'critical', 'open', 't', 't');`);
  before.close();
  db = openDb(file, { targetVersion: 50 });
  return db;
}

describe('migration 0050 (services and response)', () => {
  it('adds the tables over an older database, keeping its incidents', () => {
    const d = upgraded();
    expect(schemaVersion(d)).toBe(50);
    expect(d.prepare('SELECT count(*) AS n FROM incidents').get()).toEqual({ n: 1 });
    const tables = (
      d.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name);
    for (const t of ['services', 'rotations', 'opened_urls', 'playbook_steps', 'refund_windows'])
      expect(tables).toContain(t);
  });

  it('refuses a periodic policy without a period, and a change time without its source', () => {
    const d = upgraded();
    const insert = d.prepare(
      "INSERT INTO services (vendor, origin, policy, period_days, changed_at, changed_how, created_at, updated_at) VALUES (?, 'manual', ?, ?, ?, ?, 't', 't')",
    );
    expect(() => insert.run('a', 'periodic', null, null, null)).toThrow(/CHECK/);
    expect(() => insert.run('b', 'evidence', null, 'x', null)).toThrow(/CHECK/);
    expect(() => insert.run('c', 'sometimes', null, null, null)).toThrow(/CHECK/);
    expect(insert.run('d', 'periodic', 90, '2026-01-01T00:00:00Z', 'entered').changes).toBe(1);
  });

  it('records only https URLs with a known purpose', () => {
    const d = upgraded();
    const insert = d.prepare(
      "INSERT INTO opened_urls (opened_at, vendor, url, purpose, via) VALUES ('t', 'amazon.co.jp', ?, ?, 'shell')",
    );
    expect(() => insert.run('http://www.amazon.co.jp/', 'password')).toThrow(/CHECK/);
    expect(() => insert.run('javascript:alert(1)', 'password')).toThrow(/CHECK/);
    expect(() => insert.run('https://www.amazon.co.jp/', 'anything')).toThrow(/CHECK/);
    expect(insert.run('https://www.amazon.co.jp/ap/cnep?ie=UTF8', 'password').changes).toBe(1);
  });

  it('deletes an incident’s steps with it and keeps its rotations and opened URLs', () => {
    const d = upgraded();
    d.exec(`
      INSERT INTO playbook_steps (incident_id, step, done_at, detail) VALUES (1, 'signout', 't', NULL);
      INSERT INTO rotations (vendor, rotated_at, incident_id) VALUES ('amazon.co.jp', 't', 1);
      INSERT INTO opened_urls (opened_at, vendor, url, purpose, incident_id, via)
        VALUES ('t', 'amazon.co.jp', 'https://www.amazon.co.jp/', 'password', 1, 'renderer');
      DELETE FROM incidents WHERE id = 1;`);
    expect(d.prepare('SELECT count(*) AS n FROM playbook_steps').get()).toEqual({ n: 0 });
    expect(d.prepare('SELECT incident_id FROM rotations').get()).toEqual({ incident_id: null });
    expect(d.prepare('SELECT incident_id FROM opened_urls').get()).toEqual({ incident_id: null });
    expect(() =>
      d.exec("INSERT INTO playbook_steps (incident_id, step, done_at, detail) VALUES (2, 'x', 't', '{')"),
    ).toThrow();
  });
});
