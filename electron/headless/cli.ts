/**
 * Mimamori's command line, in plain Node: `scan` (a throw-away scan of mail files), `headless` (the loopback
 * shell), `import` (mail files into the user's database). `npm run scan|headless|cli` reach it through
 * scripts/run.mjs, which builds first when the sources are newer than the build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json';
import { formatAmount } from '../../shared/money';
import { concat, Core } from '../core/app';
import { NO_LOG } from '../core/log';
import { buildReport } from '../core/report';
import { KeytarSecretStore } from '../core/secrets/secrets';
import { checkReadable, readMailPath, SourceError } from '../core/sources/files';
import { ConnectionError } from '../core/sources/imap/connect';
import { isImapUrl, parseImapUrl, readImapMailbox, type ImapUrl } from '../core/sources/imap/url';
import { DEFAULT_TRUST } from '../core/recognise/authenticity';
import { accountCommand, CommandError } from './account-cli';
import { onAlertRunner } from './on-alert';
import { parseArgs, UsageError } from './args';
import { resolveDataDir } from './paths';
import { headlessPlatform } from './platform';
import { startServer } from './server';

const USAGE = `usage:
  mimamori scan [--json] [--insecure-tls] PATH|URL...  scan mail files (.eml, a folder, a Maildir, an mbox) or a live
                                                 mailbox (imaps://USER@HOST:PORT/MAILBOX, password in
                                                 MIMAMORI_IMAP_PASSWORD) on a throw-away database
  mimamori headless [--data-dir DIR] [--port N] [--on-alert CMD]
                                                 serve the app on 127.0.0.1 for a browser; CMD gets each alert as JSON
  mimamori import [--data-dir DIR] PATH...       import mail files into the app's database
  mimamori account add --host H --port P --tls implicit|starttls|none --user U --password-stdin [--label L] [--trust-fingerprint FP]
  mimamori account list [--json] | account test ID | account remove ID
  (every command but scan takes --data-dir DIR, or MIMAMORI_DATA_DIR)`;

class ExitError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

function rendererDir(): string {
  return fileURLToPath(new URL('../renderer/', import.meta.url));
}

async function scan(argv: string[]): Promise<void> {
  const { flags, positional } = parseArgs(argv, { json: 'boolean', 'insecure-tls': 'boolean' });
  if (positional.length === 0) throw new UsageError('scan needs at least one PATH or imaps:// URL');
  const urls: ImapUrl[] = [];
  const items: ({ url: ImapUrl } | { path: string })[] = [];
  for (const p of positional) {
    if (isImapUrl(p)) {
      try {
        const url = parseImapUrl(p, flags['insecure-tls'] === true);
        urls.push(url);
        items.push({ url });
      } catch (err) {
        throw new ExitError(`mimamori scan: ${(err as Error).message}`, 1);
      }
      continue;
    }
    try {
      await checkReadable(p);
    } catch (err) {
      if (err instanceof SourceError) throw new ExitError(`mimamori scan: ${err.message}`, 1);
      throw err;
    }
    items.push({ path: p });
  }
  const password = process.env.MIMAMORI_IMAP_PASSWORD;
  if (urls.length > 0 && !password) {
    throw new ExitError(
      'mimamori scan: set MIMAMORI_IMAP_PASSWORD to the mailbox password (it is never taken from the command line)',
      1,
    );
  }
  if (urls.length > 0 && flags['insecure-tls']) {
    process.stderr.write(
      "mimamori scan: --insecure-tls: the server's certificate is NOT checked; anyone on the path could read this session\n",
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-scan-'));
  // An IMAP server's own Authentication-Results are trusted, as for a configured account (issue 2's contract).
  const trust = { patterns: DEFAULT_TRUST.patterns, hosts: urls.map((u) => u.endpoint.host) };
  const core = new Core({
    dataDir: dir,
    platform: headlessPlatform(),
    version: pkg.version,
    alerts: false,
    log: NO_LOG,
    trust,
  });
  try {
    const sources = items.map((it) =>
      'url' in it ? readImapMailbox(it.url, password ?? '') : readMailPath(it.path),
    );
    let summary;
    try {
      summary = await core.importMessages(concat(sources));
    } catch (err) {
      if (err instanceof ConnectionError) throw new ExitError(`mimamori scan: ${err.message}`, 1);
      throw err;
    }
    const report = buildReport(core, summary.scanned, summary.unparsed);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    const out: string[] = [];
    out.push(
      `Scanned ${report.messages.scanned} mails (${report.messages.unparsed} unparsed): ${report.signals.length} signals, ${report.incidents.length} incidents.`,
    );
    for (const i of report.incidents) {
      out.push('', `[${i.severity.toUpperCase()}] ${i.title}`, `  ${i.explanation}`);
      for (const l of i.links) out.push(`  link ${l.from} → ${l.to}: ${l.reason}`);
    }
    if (report.signals.length > 0) out.push('', 'Signals:');
    for (const s of report.signals) {
      const amount = s.amount ? formatAmount(s.amount, 'en') : '-';
      out.push(
        `  ${s.id} ${s.occurredAt} ${s.kind} ${s.vendor} ${amount} [${s.authenticity.verdict}: ${s.authenticity.reason}]`,
      );
    }
    for (const e of summary.errors) out.push(`unparsed: ${e}`);
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importCmd(argv: string[]): Promise<void> {
  const { flags, positional } = parseArgs(argv, { 'data-dir': 'string' });
  if (positional.length === 0) throw new UsageError('import needs at least one PATH');
  for (const p of positional) {
    try {
      await checkReadable(p);
    } catch (err) {
      if (err instanceof SourceError) throw new ExitError(`mimamori import: ${err.message}`, 1);
      throw err;
    }
  }
  const core = new Core({
    dataDir: resolveDataDir(flags['data-dir'] as string | undefined),
    platform: headlessPlatform(),
    version: pkg.version,
  });
  try {
    const s = await core.importPaths(positional);
    process.stdout.write(
      `Imported ${s.scanned} mails: ${s.signals} signals, ${s.duplicates} already known, ${s.unparsed} unparsed.\n`,
    );
  } finally {
    await core.close();
  }
}

async function account(argv: string[]): Promise<void> {
  // --data-dir may sit anywhere after the subcommand.
  const i = argv.indexOf('--data-dir');
  const flag =
    i !== -1 ? argv[i + 1] : argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
  const core = new Core({
    dataDir: resolveDataDir(flag),
    platform: headlessPlatform({ secrets: new KeytarSecretStore() }),
    version: pkg.version,
  });
  try {
    await accountCommand(core, argv, (s) => process.stdout.write(`${s}\n`));
  } catch (err) {
    if (err instanceof CommandError) throw new ExitError(`mimamori account: ${err.message}`, 1);
    throw err;
  } finally {
    await core.close();
  }
}

async function headless(argv: string[]): Promise<void> {
  const { flags } = parseArgs(argv, { 'data-dir': 'string', port: 'string', 'on-alert': 'string' });
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
  const dataDir = resolveDataDir(flags['data-dir'] as string | undefined);
  let core: Core | null = null;
  const onAlert =
    typeof flags['on-alert'] === 'string' ? onAlertRunner(flags['on-alert'], () => core as Core) : undefined;
  core = new Core({
    dataDir,
    platform: headlessPlatform({ secrets: new KeytarSecretStore(), ...(onAlert ? { notify: onAlert } : {}) }),
    version: pkg.version,
    watch: true,
  });
  core.correlateNow();
  const server = await startServer(core, { port, rendererDir: rendererDir() });
  process.stdout.write(`Mimamori is watching (data: ${dataDir}).\nOpen ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await core.close();
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan':
        await scan(rest);
        return 0;
      case 'import':
        await importCmd(rest);
        return 0;
      case 'headless':
        await headless(rest);
        return 0;
      case 'account':
        await account(rest);
        return 0;
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (err) {
    if (err instanceof ExitError) {
      process.stderr.write(`${err.message}\n`);
      return err.code;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`mimamori: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`mimamori: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`mimamori: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
