/**
 * `mimamori account add|list|test|remove`: accounts on machines without a window. The same validation as the
 * window (the contract's schema, a connection test before saving); the password is read from stdin and goes to
 * the keychain, never from an argument (which other users could read in the process list).
 */
import { AccountInputSchema, TLS_MODES, type AccountInput, type TlsMode } from '../../shared/accounts';
import type { Core } from '../core/app';
import { inputOf } from '../core/store/accounts';
import { parseArgs, UsageError } from './args';

export class CommandError extends Error {
  override readonly name = 'CommandError';
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  // One trailing newline is the echo/printf convention, not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function accountId(core: Core, raw: string | undefined): number {
  if (!raw || !/^\d+$/.test(raw)) throw new UsageError('give the account id (see `account list`)');
  const id = Number(raw);
  if (!core.accounts.get(id)) throw new CommandError(`no account ${id}`);
  return id;
}

export async function accountCommand(
  core: Core,
  argv: readonly string[],
  out: (s: string) => void,
): Promise<void> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'add': {
      const { flags } = parseArgs(rest, {
        host: 'string',
        port: 'string',
        tls: 'string',
        user: 'string',
        label: 'string',
        'password-stdin': 'boolean',
        'trust-fingerprint': 'string',
        password: 'string',
        'data-dir': 'string',
      });
      if (flags.password !== undefined) {
        throw new UsageError(
          'a password is never accepted as an argument (other users can read it): use --password-stdin',
        );
      }
      if (!flags['password-stdin'])
        throw new UsageError('account add needs --password-stdin (the password on standard input)');
      if (!TLS_MODES.includes(flags.tls as TlsMode))
        throw new UsageError('--tls must be implicit, starttls or none');
      const candidate: Record<string, unknown> = {
        host: flags.host,
        port: Number(flags.port),
        tls: flags.tls,
        user: flags.user,
        ...(flags.label !== undefined ? { label: flags.label } : {}),
        ...(flags['trust-fingerprint'] !== undefined
          ? { trustedFingerprint: String(flags['trust-fingerprint']).toUpperCase() }
          : {}),
      };
      const parsed = AccountInputSchema.safeParse(candidate);
      if (!parsed.success)
        throw new UsageError(
          parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '),
        );
      const password = await readStdin();
      if (!password) throw new UsageError('no password on standard input');
      const { account, test } = await core.imap.add(parsed.data as AccountInput, password);
      if (!test.ok) {
        const retry =
          test.failure === 'untrusted-certificate' && test.fingerprint
            ? ` If you trust it, add: --trust-fingerprint ${test.fingerprint}`
            : '';
        throw new CommandError(`not saved: ${test.message}${retry}`);
      }
      const folders =
        account?.folders
          .filter((f) => f.selected)
          .map((f) => f.path)
          .join(', ') ?? '';
      out(
        `Added account ${account?.id} (${account?.label}); the password is in the keychain. Watching: ${folders}.`,
      );
      return;
    }
    case 'list': {
      const { flags } = parseArgs(rest, { json: 'boolean', 'data-dir': 'string' });
      const rows = core.accounts.list().map((a) => ({
        id: String(a.id),
        label: a.label,
        host: a.host,
        port: a.port,
        tls: a.tls,
        user: a.user,
      }));
      if (flags.json) out(JSON.stringify(rows, null, 2));
      else if (rows.length === 0) out('No accounts.');
      else for (const r of rows) out(`${r.id}\t${r.label}\t${r.user}@${r.host}:${r.port} (${r.tls})`);
      return;
    }
    case 'test': {
      const { positional } = parseArgs(rest, { 'data-dir': 'string' });
      const id = accountId(core, positional[0]);
      const row = core.accounts.get(id);
      if (!row) throw new CommandError(`no account ${id}`);
      const test = await core.imap.test(inputOf(row), null, id);
      if (!test.ok) throw new CommandError(`account ${id}: ${test.message}`);
      out(`Account ${id}: connected, IMAP4rev1, ${test.folders.length} folders.`);
      return;
    }
    case 'remove': {
      const { positional } = parseArgs(rest, { 'data-dir': 'string' });
      const id = accountId(core, positional[0]);
      await core.imap.remove(id);
      out(`Removed account ${id} and its keychain entry.`);
      return;
    }
    default:
      throw new UsageError('account add|list|test|remove');
  }
}
