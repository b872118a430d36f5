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
import { Core } from '../core/app';
import { buildReport } from '../core/report';
import { checkReadable, SourceError } from '../core/sources/files';
import { parseArgs, UsageError } from './args';
import { resolveDataDir } from './paths';
import { headlessPlatform } from './platform';
import { startServer } from './server';

const USAGE = `usage:
  mimamori scan [--json] PATH...                 scan mail files (.eml, a folder, a Maildir, an mbox) on a throw-away database
  mimamori headless [--data-dir DIR] [--port N]  serve the app on 127.0.0.1 for a browser
  mimamori import [--data-dir DIR] PATH...       import mail files into the app's database`;

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
  const { flags, positional } = parseArgs(argv, { json: 'boolean' });
  if (positional.length === 0) throw new UsageError('scan needs at least one PATH');
  for (const p of positional) {
    try {
      await checkReadable(p);
    } catch (err) {
      if (err instanceof SourceError) throw new ExitError(`mimamori scan: ${err.message}`, 1);
      throw err;
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-scan-'));
  const core = new Core({ dataDir: dir, platform: headlessPlatform(), version: pkg.version, alerts: false });
  try {
    const summary = await core.importPaths(positional);
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
    core.close();
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
    core.close();
  }
}

async function headless(argv: string[]): Promise<void> {
  const { flags } = parseArgs(argv, { 'data-dir': 'string', port: 'string' });
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
  const dataDir = resolveDataDir(flags['data-dir'] as string | undefined);
  const core = new Core({ dataDir, platform: headlessPlatform(), version: pkg.version });
  core.correlateNow();
  const server = await startServer(core, { port, rendererDir: rendererDir() });
  process.stdout.write(`Mimamori is watching (data: ${dataDir}).\nOpen ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  core.close();
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
