/**
 * Diagnostic behind a note in BENCHMARKS.md (not part of `npm run bench`): how long Dovecot takes to tell each of
 * several IDLE sessions on one big mailbox about an APPEND. Writes N ordinary mails (default 100,000) into a private
 * Dovecot's INBOX, opens one IDLE session per name in ORDER (default "searched,mimamori,ref": a session with
 * Mimamori's client options that ran its candidate SEARCH first, one with Mimamori's options, and a bare
 * imapflow session), appends 15 mails 2.5 s apart, and prints each session's APPEND → EXISTS times.
 *
 *   N=100000 ORDER=ref npx tsx bench/push-sessions.ts        # one session alone
 *   N=100000 ORDER=ref,searched npx tsx bench/push-sessions.ts
 *
 * Needs root and dovecot-imapd, like the IMAP tests.
 */
import { performance } from 'node:perf_hooks';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { startDovecot } from '../electron/core/testing/dovecot';
import { imapOptions } from '../electron/core/sources/imap/connect';
import { candidateQuery, senderTokens } from '../electron/core/sources/imap/criteria';
import { BUILT_IN_RULES } from '../electron/core/recognise/rules';
import { generateMailbox, ordinaryMail, ordinarySenders, planMailbox, prng } from './corpus';

const U = { user: 'diag', password: 'diag-password' };
const N = Number(process.env.N ?? 100000);
const dv = await startDovecot({ users: [U] });
const senders = ordinarySenders(senderTokens(BUILT_IN_RULES));
generateMailbox(planMailbox(N, 0, 5), 5, 365, senders.kept, (chunk) =>
  dv.writeToMaildir(U.user, 'INBOX', chunk),
);
const times: Record<string, number | null> = {};
async function client(name: string, opts: ImapFlowOptions, search: boolean): Promise<ImapFlow> {
  const c = new ImapFlow(opts);
  c.on('error', () => undefined);
  await c.connect();
  await c.mailboxOpen('INBOX', { readOnly: true });
  if (search) {
    const t = performance.now();
    await c.search(candidateQuery(senderTokens(BUILT_IN_RULES)), { uid: true });
    console.log(name, 'search', (performance.now() - t) | 0);
    await c.mailboxClose();
    await c.mailboxOpen('INBOX', { readOnly: true });
  }
  c.on('exists', () => {
    if (times[name] === null) times[name] = performance.now();
  });
  c.idle().catch(() => undefined);
  return c;
}
const tlsRef: ImapFlowOptions = {
  host: dv.host,
  port: dv.ports.imaps,
  secure: true,
  tls: { ca: [dv.caCert] },
  auth: { user: U.user, pass: U.password },
  logger: false,
  disableAutoIdle: true,
};
const mim = imapOptions(
  { host: dv.host, port: dv.ports.imaps, tls: 'implicit', user: U.user, trustedCert: dv.caCert },
  U.password,
);
const order = (process.env.ORDER ?? 'searched,mimamori,ref').split(',');
for (const n of order) await client(n, n === 'ref' ? tlsRef : mim, n === 'searched');
await new Promise((r) => setTimeout(r, 500));
const app = new ImapFlow({ ...tlsRef });
app.on('error', () => undefined);
await app.connect();
const rnd = prng(9);
const res: Record<string, number[]> = {};
for (let i = 0; i < 15; i++) {
  for (const n of order) times[n] = null;
  const t0 = performance.now();
  await app.append('INBOX', ordinaryMail(800000 + i, rnd, Date.now(), senders.kept));
  await new Promise((r) => setTimeout(r, 2500));
  for (const n of order) {
    const at = times[n];
    (res[n] ??= []).push(at === null || at === undefined ? -1 : Math.round(at - t0));
  }
}
for (const n of order) {
  const xs = res[n] ?? [];
  console.log(`${n}: ${xs.join(' ')} ms; median ${[...xs].sort((a, b) => a - b)[xs.length >> 1]} ms`);
}
await dv.stop();
process.exit(0);
