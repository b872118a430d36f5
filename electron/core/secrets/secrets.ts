/**
 * Secrets (IMAP passwords now, OAuth2 refresh tokens later) live only in the OS keychain: one entry per
 * account and kind, under the service "Mimamori". Never in SQLite, logs, IPC to the renderer or exports.
 * The core sees this interface; the keytar implementation below serves both shells.
 */
import { createRequire } from 'node:module';

export type SecretKind = 'password' | 'oauth2-refresh';

export const KEYCHAIN_SERVICE = 'Mimamori';

export function keychainAccount(accountId: string, kind: SecretKind): string {
  return `account-${accountId}:${kind}`;
}

/**
 * Entries of one data directory, kept apart from another's: account ids restart at 1 in every database, and two
 * data directories on one machine (the desktop app and a headless shell, or tests) share the keychain.
 */
export function namespaced(store: SecretStore, namespace: string): SecretStore {
  const key = (id: string): string => `${namespace}/${id}`;
  return {
    check: () => store.check(),
    get: (id, kind) => store.get(key(id), kind),
    set: (id, kind, secret) => store.set(key(id), kind, secret),
    delete: (id, kind) => store.delete(key(id), kind),
  };
}

export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
}

export interface SecretStore {
  /** Resolves when a keychain can store secrets; rejects with KeychainUnavailableError saying how to fix it. */
  check(): Promise<void>;
  get(accountId: string, kind: SecretKind): Promise<string | null>;
  set(accountId: string, kind: SecretKind, secret: string): Promise<void>;
  delete(accountId: string, kind: SecretKind): Promise<boolean>;
}

const FIX_LINUX =
  'Mimamori keeps passwords only in the OS keychain (the Secret Service). Install and unlock one: on a desktop, ' +
  'GNOME Keyring or KWallet (Debian/Ubuntu: `apt install gnome-keyring libsecret-1-0`); on a headless machine, run ' +
  "Mimamori inside `dbus-run-session -- sh -c 'printf %s YOUR-KEYRING-PASSWORD | gnome-keyring-daemon --unlock " +
  "--components=secrets; npm start'`.";
const FIX_OTHER =
  'Mimamori keeps passwords only in the OS keychain, which did not answer: unlock the login keychain and try again.';

type Keytar = {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
};

/** The keychain through keytar (libsecret on Linux, Keychain on macOS, Credential Vault on Windows). */
export class KeytarSecretStore implements SecretStore {
  private keytar: Keytar | null = null;

  private load(): Keytar {
    if (!this.keytar) {
      try {
        this.keytar = createRequire(import.meta.url)('keytar') as Keytar;
      } catch (err) {
        throw new KeychainUnavailableError(
          `the keychain module could not load (${(err as Error).message}). ${this.fix()}`,
        );
      }
    }
    return this.keytar;
  }

  private fix(): string {
    return process.platform === 'linux' ? FIX_LINUX : FIX_OTHER;
  }

  private wrap(err: unknown): KeychainUnavailableError {
    const msg = err instanceof Error ? err.message : String(err);
    // The messages below never contain the secret: keytar reports D-Bus and libsecret errors only.
    return new KeychainUnavailableError(`no keychain available (${msg.split('\n')[0]}). ${this.fix()}`);
  }

  async check(): Promise<void> {
    const k = this.load();
    try {
      // A read of the service proves the Secret Service answers and its collection is unlocked.
      await k.findCredentials(`${KEYCHAIN_SERVICE}-probe`);
    } catch (err) {
      throw this.wrap(err);
    }
  }

  async get(accountId: string, kind: SecretKind): Promise<string | null> {
    try {
      return await this.load().getPassword(KEYCHAIN_SERVICE, keychainAccount(accountId, kind));
    } catch (err) {
      throw this.wrap(err);
    }
  }

  async set(accountId: string, kind: SecretKind, secret: string): Promise<void> {
    try {
      await this.load().setPassword(KEYCHAIN_SERVICE, keychainAccount(accountId, kind), secret);
    } catch (err) {
      throw this.wrap(err);
    }
  }

  async delete(accountId: string, kind: SecretKind): Promise<boolean> {
    try {
      return await this.load().deletePassword(KEYCHAIN_SERVICE, keychainAccount(accountId, kind));
    } catch (err) {
      throw this.wrap(err);
    }
  }
}
