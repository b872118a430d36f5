/**
 * The walk of one mail: parse → recognise → store. Parsing is asynchronous and done outside any transaction;
 * storing a batch is one transaction, into which a source can add its own bookkeeping (IMAP sync state), so
 * state and the data it covers are written together or not at all.
 */
import { createHash } from 'node:crypto';
import { MAX_PARSE_BYTES, parseMail, UnparseableMailError } from './parse/mime';
import { toIso } from './parse/datetime';
import { recognise, type RecognisedSignal, type Recognition } from './recognise/engine';
import type { DkimChecker } from './recognise/dkim';
import type { VendorIdentity } from './recognise/identity';
import type { TrustPolicy } from './recognise/authenticity';
import type { Rule } from './recognise/rule';
import type { MessageMeta, Repo } from './store/repo';
import { compressBody, insertBody } from './store/review';

export interface PreparedMail {
  readonly meta: MessageMeta;
  readonly signals: readonly RecognisedSignal[];
  /** The raw source, deflated, of a mail that produced signals: kept as evidence (never for ignored mail). */
  readonly body?: { readonly data: Buffer; readonly size: number };
}

export interface RecogniseContext {
  readonly rules: readonly Rule[];
  readonly trust: TrustPolicy;
  readonly nowIso: string;
  readonly identities?: readonly VendorIdentity[];
  /** Local DKIM, asked only when the provider left no trusted verdict. */
  readonly dkim?: DkimChecker;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Never throws: a mail that cannot be parsed or recognised is recorded as unparsed, with the reason. */
export async function prepareMail(
  raw: Uint8Array,
  source: string,
  ctx: RecogniseContext,
  declaredSize?: number,
): Promise<PreparedMail> {
  const base = { source, size: Math.max(raw.byteLength, declaredSize ?? 0), importedAt: ctx.nowIso };
  try {
    const mail = await parseMail(raw, declaredSize);
    let r = recognise(mail, ctx.rules, {
      trust: ctx.trust,
      fallbackTime: ctx.nowIso,
      ...(ctx.identities ? { identities: ctx.identities } : {}),
    });
    r = await secondOpinion(r, raw, mail.from?.address ?? '', ctx.dkim);
    return {
      meta: {
        ...base,
        dedupeKey: mail.dedupeKey,
        messageId: mail.messageId,
        fromAddr: mail.from?.address ?? '',
        fromName: clip(mail.from?.name ?? '', 200),
        subject: clip(mail.subject, 500),
        dateIso: mail.date ? toIso(mail.date) : null,
        status: r.signals.length > 0 ? 'recognised' : 'ignored',
        error: mail.truncated
          ? `only the first ${Math.round(MAX_PARSE_BYTES / 1048576)} MB of ${Math.round(mail.size / 1048576)} MB were read`
          : null,
        claimedVendor: r.claimedVendor,
        verdict: r.authenticity?.verdict ?? null,
        verdictReason: r.authenticity?.reason ?? null,
      },
      signals: r.signals,
      ...(r.signals.length > 0 ? { body: compressBody(raw) } : {}),
    };
  } catch (err) {
    const reason =
      err instanceof UnparseableMailError
        ? err.message
        : `recognition failed: ${err instanceof Error ? err.message : String(err)}`;
    return {
      meta: {
        ...base,
        dedupeKey: `raw:${createHash('sha256').update(raw).digest('hex')}`,
        messageId: null,
        fromAddr: '',
        fromName: '',
        subject: '',
        dateIso: null,
        status: 'unparsed',
        error: clip(reason, 500),
        claimedVendor: null,
        verdict: null,
        verdictReason: null,
      },
      signals: [],
    };
  }
}

/**
 * A mail from a watched sender that the provider did not vouch for (no trusted Authentication-Results) is
 * verified locally when it carries a DKIM signature of its own domain that checks out. Only "unverified" is
 * upgraded: a look-alike or a DMARC failure stays suspicious whatever it signs.
 */
async function secondOpinion(
  r: Recognition,
  raw: Uint8Array,
  from: string,
  dkim: DkimChecker | undefined,
): Promise<Recognition> {
  if (!dkim || r.authenticity?.verdict !== 'unverified' || r.signals.length === 0) return r;
  if (r.authenticity.reason.startsWith('forwarded by')) return r;
  const d = await dkim.verify(raw, from);
  if (!d.passDomain) return r;
  const authenticity = {
    verdict: 'verified' as const,
    reason: `dkim=pass header.d=${d.passDomain} (verified locally)`,
  };
  return {
    ...r,
    authenticity,
    signals: r.signals.map((s) => (s.kind === 'impersonation' ? s : { ...s, authenticity })),
  };
}

export interface CommitResult {
  readonly inserted: number;
  readonly duplicates: number;
  readonly unparsed: number;
  readonly signals: number;
}

/** Stores a batch in one transaction; `alsoInTransaction` runs inside it (sync state). Duplicates change nothing. */
export function commitMails(
  repo: Repo,
  batch: readonly PreparedMail[],
  alsoInTransaction?: () => void,
): CommitResult {
  return repo.db.transaction(() => {
    let inserted = 0;
    let duplicates = 0;
    let unparsed = 0;
    let signals = 0;
    for (const p of batch) {
      const row = repo.insertMessage(p.meta);
      if (row === null) {
        duplicates++;
        continue;
      }
      inserted++;
      if (p.meta.status === 'unparsed') unparsed++;
      if (p.body && p.meta.status === 'recognised') insertBody(repo.db, row, p.body);
      p.signals.forEach((s, i) => {
        // A settlement notice repeating a charge already announced is the same charge: keep the first notice
        // (JCB's instant one), whichever arrives first (mail-formats.md §3.3).
        if (s.settles && repo.sameCharge([s.settles], s).length > 0) return;
        for (const twin of repo.sameCharge(s.settledBy, s)) repo.deleteSignal(twin);
        repo.insertSignal(row, i, s);
        signals++;
      });
    }
    alsoInTransaction?.();
    return { inserted, duplicates, unparsed, signals };
  })();
}
