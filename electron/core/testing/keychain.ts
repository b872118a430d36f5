/**
 * Reading the real keychain from tests. Each data directory keeps its secrets under its own namespace (the
 * install id in its settings table), so a test looks up exactly its own account's entry.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';

export function installId(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'mimamori.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM settings WHERE key = 'install.id'").get() as
      { value: string } | undefined;
    if (!row) throw new Error(`no install id in ${dataDir}`);
    return row.value;
  } finally {
    db.close();
  }
}

export function keychainEntry(dataDir: string, accountId = '1'): string[] {
  return ['service', 'Mimamori', 'account', `account-${installId(dataDir)}/${accountId}:password`];
}

/** The stored password, or null when `secret-tool lookup` finds none. */
export function keychainLookup(dataDir: string, accountId = '1'): string | null {
  try {
    return execFileSync('secret-tool', ['lookup', ...keychainEntry(dataDir, accountId)], {
      encoding: 'utf8',
    });
  } catch {
    return null; // secret-tool exits 1 when nothing matches
  }
}
