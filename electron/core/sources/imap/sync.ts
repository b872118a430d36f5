/**
 * Synchronises one mailbox: new mail first, then the backfill, newest first, in small batches. Each batch's
 * messages, signals and the sync state that covers them are written in one SQLite transaction, so a kill -9
 * at any moment either keeps a batch whole or loses it whole, and the next run fetches exactly what is missing.
 * A re-fetched message is de-duplicated by its content key; nothing is ever stored twice.
 *
 * Identity rules (RFC 3501 §2.3.1.1): mailbox name + UIDVALIDITY + UID names one immutable message. When
 * UIDVALIDITY changes, everything known about UIDs in that mailbox is void (RFC 4549 §4.1): the mailbox is
 * synced again from scratch, and the de-duplication key keeps the stored mail from doubling.
 */
import type { ImapFlow, MailboxObject, SearchObject } from 'imapflow';
import { commitMails, prepareMail, type PreparedMail, type RecogniseContext } from '../../pipeline';
import type { AccountsRepo } from '../../store/accounts';
import type { Repo } from '../../store/repo';
import { disconnect, FETCH_MESSAGE, searchUids } from './connect';
import { candidateQuery } from './criteria';

export interface MailboxSyncDeps {
  readonly client: ImapFlow;
  readonly accountId: number;
  readonly repo: Repo;
  readonly accounts: AccountsRepo;
  readonly context: () => RecogniseContext;
  readonly tokens: readonly string[];
  readonly backfillMonths: number;
  readonly now: () => Date;
  readonly batchSize?: number;
  /**
   * Opens a second, logged-in session to the same account, for splitting a large backfill SEARCH (see
   * searchRange). Optional: without it, or when it fails, the one connection searches everything.
   */
  readonly openHelper?: () => Promise<ImapFlow>;
  /** UID count from which the SEARCH is split (default SPLIT_SEARCH_MIN; tests use small mailboxes). */
  readonly splitSearchAt?: number;
  /** After every committed batch: correlate, alert, report progress. */
  readonly afterBatch?: (info: { path: string; stored: number; signals: number }) => void;
}

export interface MailboxSyncResult {
  readonly path: string;
  readonly fresh: number;
  readonly backfilled: number;
  readonly uidValidityChanged: boolean;
  /** The mailbox's EXISTS before the sync searched: the watcher's baseline for "has anything arrived since". */
  readonly existsBefore: number;
}

/** Default batch: small enough that a crash loses little work, large enough to amortise the round trip. */
export const DEFAULT_BATCH = 50;

export function sinceDate(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/**
 * Below this many UIDs one connection searches alone: a second session's login and EXAMINE (~0.1 s) would cost
 * more than it saves.
 */
export const SPLIT_SEARCH_MIN = 20_000;

/**
 * The backfill's candidate SEARCH over UIDs lo..hi. A server without a search index (Dovecot's default) reads
 * the From header of every message in the range for it, on one core per session: 3-6 s for 100,000 messages
 * on first read, most of a first sync (BENCHMARKS.md, benchmark 1; bench/search-split.ts). A large range is
 * split between this connection (the newer half) and a helper session (the older half), searched at the same
 * time. The helper must see the same UIDVALIDITY, or its UIDs would name other messages (RFC 3501 §2.3.1.1);
 * if it cannot be opened (a provider's connection limit, say), this connection searches that half too.
 */
async function searchRange(
  deps: MailboxSyncDeps,
  path: string,
  uidValidity: bigint,
  query: (uid: string) => SearchObject,
  lo: number,
  hi: number,
): Promise<number[]> {
  if (hi < lo) return [];
  const inRange = (uids: number[]): number[] => uids.filter((u) => u >= lo && u <= hi);
  if (!deps.openHelper || hi - lo + 1 < (deps.splitSearchAt ?? SPLIT_SEARCH_MIN)) {
    return inRange(await searchUids(deps.client, query(`${lo}:${hi}`)));
  }
  const mid = lo + Math.floor((hi - lo + 1) / 2);
  const older = searchWithHelper(deps.openHelper, path, uidValidity, query(`${lo}:${mid - 1}`)).catch(
    () => null,
  );
  const newer = await searchUids(deps.client, query(`${mid}:${hi}`)).finally(() => older);
  const olderUids = (await older) ?? (await searchUids(deps.client, query(`${lo}:${mid - 1}`)));
  return inRange([...olderUids, ...newer]);
}

async function searchWithHelper(
  open: () => Promise<ImapFlow>,
  path: string,
  uidValidity: bigint,
  query: SearchObject,
): Promise<number[]> {
  const helper = await open();
  try {
    const mb = await helper.mailboxOpen(path, { readOnly: true });
    if (mb.uidValidity !== uidValidity) throw new Error('UIDVALIDITY changed under the helper session');
    return await searchUids(helper, query);
  } finally {
    await disconnect(helper);
  }
}

function chunks<T>(items: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

/** Fetches and prepares a batch. A message the server cannot deliver is recorded as unparsed, never retried forever. */
async function fetchBatch(
  deps: MailboxSyncDeps,
  path: string,
  uidValidity: bigint,
  uids: readonly number[],
): Promise<PreparedMail[]> {
  const ctx = deps.context();
  const source = (uid: number): string => `imap:${deps.accountId}/${path}/${uidValidity}/${uid}`;
  const out: PreparedMail[] = [];
  try {
    for await (const msg of deps.client.fetch(uids.join(','), FETCH_MESSAGE, { uid: true })) {
      out.push(await prepareMail(msg.source ?? new Uint8Array(0), source(msg.uid), ctx, msg.size));
    }
    return out;
  } catch (err) {
    if (!deps.client.usable) throw err;
  }
  // The batch failed but the connection stands: one message is at fault. Fetch one by one and record the
  // messages the server will not hand over, so one broken message never stops the mailbox.
  out.length = 0;
  for (const uid of uids) {
    try {
      const msg = await deps.client.fetchOne(String(uid), FETCH_MESSAGE, { uid: true });
      if (msg) out.push(await prepareMail(msg.source ?? new Uint8Array(0), source(uid), ctx, msg.size));
    } catch (err) {
      if (!deps.client.usable) throw err;
      out.push({
        meta: {
          dedupeKey: `fetch-failed:${source(uid)}`,
          messageId: null,
          source: source(uid),
          fromAddr: '',
          fromName: '',
          subject: '',
          dateIso: null,
          size: 0,
          status: 'unparsed',
          error: `the server could not deliver this message: ${(err as Error).message}`.slice(0, 500),
          claimedVendor: null,
          verdict: null,
          verdictReason: null,
          importedAt: ctx.nowIso,
        },
        signals: [],
      });
    }
  }
  return out;
}

export async function syncMailbox(deps: MailboxSyncDeps, path: string): Promise<MailboxSyncResult> {
  const { client, accounts, accountId } = deps;
  const batchSize = deps.batchSize ?? DEFAULT_BATCH;
  const at = (): string => deps.now().toISOString();
  // imapflow grants the lock without a new SELECT when the mailbox is already selected (INBOX, after IDLE woke
  // us), and UIDNEXT is only reported at SELECT (RFC 3501 §7.1). Selecting again costs the server a re-read of
  // the mailbox (~350 ms at 100,000 messages, on the path from a new mail to its alert), so for the selected
  // mailbox we ask for the UIDs above the synced state instead and take UIDNEXT from the highest one.
  const open = client.mailbox as MailboxObject | false;
  const alreadySelected = open !== false && open.path === path;
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const mb = client.mailbox as MailboxObject | false;
    if (!mb) throw new Error(`could not open ${path}`);
    const uidValidity = mb.uidValidity;
    // EXISTS before anything is searched: a mail arriving from now on raises the count above it, so the watcher's
    // next check cannot take it for one already synced.
    const existsBefore = mb.exists;
    let uidNext = mb.uidNext;
    let state = accounts.mailbox(accountId, path);
    if (!state) throw new Error(`mailbox ${path} is not known for account ${accountId}`);
    if (alreadySelected && state.uid_next !== null && state.uid_validity === uidValidity.toString()) {
      const floor = state.uid_next;
      // "N:*" with N above the largest UID matches the largest message (RFC 3501 §6.4.8): filter it out.
      const above = (await searchUids(client, { uid: `${floor}:*` })).filter((u) => u >= floor);
      // UIDNEXT never decreases, so the one from the last SELECT is a floor (it covers expunged newest mail).
      // A loop, not Math.max(...above): a bulk move of 100,000+ mails would overflow the argument list.
      uidNext = above.reduce((n, u) => Math.max(n, u + 1), Math.max(mb.uidNext, floor));
    }
    const modseq = mb.highestModseq ?? null;
    const since = sinceDate(deps.now(), deps.backfillMonths);

    let changed = false;
    // A first sync (or a UIDVALIDITY change) searches for the backfill once, to know its size; the backfill
    // below runs that same query under the same SELECT, so it reuses the answer instead of asking again (on a
    // 100,000-message mailbox a SEARCH FROM costs the server 0.4-5 s).
    let resetSearch: number[] | null = null;
    if (state.uid_validity !== uidValidity.toString()) {
      changed = state.uid_validity !== null;
      const backfill = await searchRange(
        deps,
        path,
        uidValidity,
        (uid) => candidateQuery(deps.tokens, { since, uid }),
        1,
        uidNext - 1,
      );
      accounts.resetMailbox({
        accountId,
        path,
        uidValidity,
        uidNext,
        highestModseq: modseq,
        backfillBelow: backfill.length > 0 ? uidNext : null,
        backfillTotal: backfill.length,
        at: at(),
      });
      resetSearch = backfill;
      state = accounts.mailbox(accountId, path);
      if (!state) throw new Error('mailbox state vanished');
    }

    // New mail first: it is what the user needs to hear about now. The range is bounded by UIDNEXT as seen at
    // SELECT, so "N:*" cannot return the last old message when nothing is new (RFC 3501 §6.4.8: * is the
    // largest UID, and N:* with N above it matches that one message).
    let fresh = 0;
    const from = state.uid_next ?? uidNext;
    if (uidNext > from) {
      const uids = await searchUids(client, candidateQuery(deps.tokens, { uid: `${from}:${uidNext - 1}` }));
      const batches = chunks(
        uids.filter((u) => u >= from).sort((a, b) => a - b),
        batchSize,
      );
      if (batches.length === 0)
        accounts.advance({ accountId, path, uidNext, highestModseq: modseq, at: at() });
      for (const [i, batch] of batches.entries()) {
        const prepared = await fetchBatch(deps, path, uidValidity, batch);
        const last = i === batches.length - 1;
        const high = last ? uidNext : (batch.at(-1) ?? from) + 1;
        const r = commitMails(deps.repo, prepared, () =>
          accounts.advance({ accountId, path, uidNext: high, highestModseq: last ? modseq : null, at: at() }),
        );
        fresh += batch.length;
        deps.afterBatch?.({ path, stored: r.inserted, signals: r.signals });
      }
    } else if (modseq !== null && state.highest_modseq !== modseq.toString()) {
      accounts.advance({ accountId, path, uidNext, highestModseq: modseq, at: at() });
    }

    // The backfill, newest first, resuming below the last committed batch.
    let backfilled = 0;
    const below = state.backfill_below;
    if (below !== null) {
      const uids =
        resetSearch !== null && below === uidNext
          ? resetSearch
          : await searchRange(
              deps,
              path,
              uidValidity,
              (uid) => candidateQuery(deps.tokens, { since, uid }),
              1,
              below - 1,
            );
      const batches = chunks(
        uids.filter((u) => u < below).sort((a, b) => b - a),
        batchSize,
      );
      if (batches.length === 0) accounts.backfillStep({ accountId, path, below: null, done: 0, at: at() });
      for (const [i, batch] of batches.entries()) {
        const prepared = await fetchBatch(deps, path, uidValidity, batch);
        const last = i === batches.length - 1;
        const r = commitMails(deps.repo, prepared, () =>
          accounts.backfillStep({
            accountId,
            path,
            below: last ? null : Math.min(...batch),
            done: batch.length,
            at: at(),
          }),
        );
        backfilled += batch.length;
        deps.afterBatch?.({ path, stored: r.inserted, signals: r.signals });
      }
    }
    return { path, fresh, backfilled, uidValidityChanged: changed, existsBefore };
  } finally {
    lock.release();
  }
}

/**
 * Has anything arrived since the last sync? One round trip: STATUS for a mailbox that is not selected
 * (RFC 3501 §6.3.10), NOOP for the selected one, whose EXISTS count the server updates (§7.3.1) and which we
 * compare with the count seen when IDLE began. UIDNEXT is only reported at SELECT, but that SELECT (the one
 * before IDLE) came after the last sync's: a mail that arrived in between is in both its EXISTS and its UIDNEXT,
 * so only UIDNEXT against the synced state shows it.
 */
export async function hasNewMail(
  client: ImapFlow,
  accounts: AccountsRepo,
  accountId: number,
  path: string,
  selectedExists?: number,
): Promise<boolean> {
  const state = accounts.mailbox(accountId, path);
  if (!state || state.uid_validity === null || state.backfill_below !== null) return true;
  const selected = client.mailbox as MailboxObject | false;
  if (selected && selected.path === path) {
    if (selectedExists === undefined) return true;
    await client.noop();
    const mb = client.mailbox as MailboxObject | false;
    return (
      !mb ||
      mb.uidValidity.toString() !== state.uid_validity ||
      mb.exists !== selectedExists ||
      (typeof mb.uidNext === 'number' && mb.uidNext > (state.uid_next ?? 0))
    );
  }
  const st = await client.status(path, { uidNext: true, uidValidity: true });
  if (!st) return true;
  return st.uidValidity?.toString() !== state.uid_validity || st.uidNext !== state.uid_next;
}
