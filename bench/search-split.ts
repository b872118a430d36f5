/**
 * Diagnostic behind a note in BENCHMARKS.md (not part of `npm run bench`): what a cold candidate SEARCH costs
 * Dovecot on a 100,000-message mailbox, by number of sender tokens and split over one or two connections. Each
 * variant reads its own fresh copy of the same mailbox (after an untimed SELECT built the index), as the
 * backfill benchmark does.
 *
 *   N=100000 npx tsx bench/search-split.ts
 */
import { performance } from 'node:perf_hooks';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { startDovecot } from '../electron/core/testing/dovecot';
import { candidateQuery, senderTokens } from '../electron/core/sources/imap/criteria';
import { BUILT_IN_RULES } from '../electron/core/recognise/rules';
import { generateMailbox, ordinarySenders, planMailbox } from './corpus';

const N = Number(process.env.N ?? 100000);
const tokens = senderTokens(BUILT_IN_RULES);
const variants: { name: string; tokens: string[]; parts: number }[] = [
  { name: `${tokens.length} tokens, 1 connection`, tokens, parts: 1 },
  { name: `${tokens.length} tokens, 2 connections`, tokens, parts: 2 },
  { name: '1 token, 1 connection', tokens: ['amazon'], parts: 1 },
  { name: `${tokens.length} tokens, 1 connection (again)`, tokens, parts: 1 },
];
const users = variants.map((_, i) => ({ user: `s${i}`, password: `s${i}-password` }));
const dv = await startDovecot({ users });
const senders = ordinarySenders(tokens);
for (const u of users) {
  generateMailbox(planMailbox(N, 1000, 7), 7, 365, senders.kept, (chunk) =>
    dv.writeToMaildir(u.user, 'INBOX', chunk),
  );
}
const opts = (u: { user: string; password: string }): ImapFlowOptions => ({
  host: dv.host,
  port: dv.ports.plain,
  secure: false,
  doSTARTTLS: false,
  auth: { user: u.user, pass: u.password },
  logger: false,
  disableAutoIdle: true,
});
async function open(u: { user: string; password: string }): Promise<ImapFlow> {
  const c = new ImapFlow(opts(u));
  c.on('error', () => undefined);
  await c.connect();
  await c.mailboxOpen('INBOX', { readOnly: true });
  return c;
}
for (const [i, v] of variants.entries()) {
  const u = users[i]!;
  const clients = await Promise.all(Array.from({ length: v.parts }, () => open(u)));
  const top = N;
  const step = Math.ceil(top / v.parts);
  const t0 = performance.now();
  const found = await Promise.all(
    clients.map((c, k) =>
      c.search(candidateQuery(v.tokens, { uid: `${k * step + 1}:${Math.min(top, (k + 1) * step)}` }), {
        uid: true,
      }),
    ),
  );
  const ms = performance.now() - t0;
  const n = found.reduce((a, f) => a + (Array.isArray(f) ? f.length : 0), 0);
  console.log(`${v.name}: ${ms.toFixed(0)} ms, ${n} found`);
  await Promise.all(clients.map((c) => c.logout()));
}
await dv.stop();
