/**
 * Applies rules to a parsed mail and yields signals. Pure: no I/O, no clock. The steps:
 *   1. whose identity does the sender claim (identity.ts)? None: the mail is not ours to judge, no signal.
 *   2. does the claim hold (authenticity.ts)?
 *   3. the first rule of that vendor whose sender, subject and body markers match extracts the fields.
 *   4. a suspicious mail yields one `impersonation` signal instead, never a charge or a gift card: a phishing
 *      mail can reproduce a genuine usage block (mail-formats.md §6.4), and it must not count as evidence.
 */
import type { Amount, Authenticity, SignalKind } from '../../../shared/domain';
import { toIso, type ZonedTime } from '../parse/datetime';
import { parseBodyDate } from '../parse/bodydate';
import { headersNamed, type ParsedMail } from '../parse/mime';
import { normaliseLine } from '../parse/normalise';
import { assessAuthenticity, DEFAULT_TRUST, type AuthOutcome, type TrustPolicy } from './authenticity';
import { IDENTITIES, type VendorIdentity } from './identity';
import { findForwarded } from '../parse/forwarded';
import { extractField, firstEmail, lastDigits, parseAmount } from './extract';
import { senderMatches } from './domains';
import type { Rule } from './rule';

export interface RecognisedSignal {
  readonly kind: SignalKind;
  readonly vendor: string;
  readonly ruleId: string;
  readonly amount: Amount | null;
  readonly occurredAt: string;
  readonly merchant: string | null;
  readonly cardLast4: string | null;
  readonly orderId: string | null;
  readonly recipient: string | null;
  readonly authenticity: Authenticity;
  /** The rule whose charges this one repeats (JCB 売上到着 → instant), so the store keeps one of the two. */
  readonly settles: string | null;
  /** Rules whose signals repeat this one's (the reverse of settles). */
  readonly settledBy: readonly string[];
}

export interface Recognition {
  readonly signals: readonly RecognisedSignal[];
  /** The vendor the sender claims to be, if any (also for mails that yield no signal). */
  readonly claimedVendor: string | null;
  readonly authenticity: Authenticity | null;
}

const NOTHING: Recognition = { signals: [], claimedVendor: null, authenticity: null };

function anyMatch(res: readonly RegExp[] | undefined, text: string): boolean {
  return res === undefined || res.some((r) => r.test(text));
}

function ruleMatches(rule: Rule, mail: ParsedMail, checkSender: boolean): boolean {
  const from = mail.from?.address ?? '';
  if (checkSender && !rule.from.some((p) => senderMatches(from, p))) return false;
  if (!anyMatch(rule.subject, mail.normSubject)) return false;
  if (rule.body && !rule.body.every((r) => r.test(mail.normText))) return false;
  if (rule.bodyAny && !rule.bodyAny.some((r) => r.test(mail.normText))) return false;
  if (rule.not?.some((r) => r.test(mail.normSubject) || r.test(mail.normText))) return false;
  return true;
}

/**
 * The time of an event: the body's time where it states one; a body date without a time takes the Date
 * header's time when that falls on the same day (an Amazon 注文日 is a day, the mail was sent minutes after);
 * otherwise the Date header.
 */
function occurredAt(body: ZonedTime | null, hasTime: boolean, header: ZonedTime | null): string | null {
  if (body && hasTime) return toIso(body);
  if (body && header) {
    const dayOf = (t: ZonedTime, off: number): string => toIso({ ms: t.ms, offsetMinutes: off }).slice(0, 10);
    if (dayOf(header, body.offsetMinutes) === dayOf(body, body.offsetMinutes)) {
      return toIso({ ms: header.ms, offsetMinutes: body.offsetMinutes });
    }
    return toIso(body);
  }
  if (body) return toIso(body);
  if (header) return toIso(header);
  return null;
}

function extractOne(
  rule: Rule,
  text: string,
  mail: ParsedMail,
  authenticity: Authenticity,
  fallbackTime: string,
  row?: Readonly<Record<string, string | undefined>>,
): RecognisedSignal | null {
  const get = (name: keyof Rule['fields']): string | null =>
    row?.[name] ?? extractField(text, mail.normSubject, rule.fields[name]);
  const amountText = get('amount');
  const currencyField = /\b([A-Z]{3})\b/.exec(get('currency') ?? '')?.[1];
  const parsed = amountText !== null ? parseAmount(amountText, currencyField ?? rule.currency) : null;
  if (rule.requireAmount && !parsed) return null;
  const dateText = get('date');
  const bodyDate = dateText !== null ? parseBodyDate(dateText, rule.zone) : null;
  const when = occurredAt(bodyDate?.time ?? null, bodyDate?.hasTime ?? false, mail.date) ?? fallbackTime;
  let kind = rule.kind;
  let amount = parsed?.amount ?? null;
  if (kind === 'payment.charge' && (parsed?.negative || rule.refundWhen?.some((r) => r.test(text)))) {
    kind = 'payment.refund';
  }
  if (amount && amount.minor < 0) amount = { ...amount, minor: -amount.minor };
  const merchant = get('merchant');
  const recipient = get('recipient');
  const card = get('cardLast4');
  return {
    settles: null,
    settledBy: [],
    kind,
    vendor: rule.vendor,
    ruleId: rule.id,
    amount,
    occurredAt: when,
    merchant: merchant ? normaliseLine(merchant) : null,
    cardLast4: card ? lastDigits(card) : null,
    orderId: get('orderId'),
    recipient: recipient ? (firstEmail(recipient) ?? normaliseLine(recipient)) : null,
    authenticity,
  };
}

/**
 * A global copy of a rule's rows or blocks pattern, made once per pattern: matchAll needs the g flag, and the
 * rule packs are built once while recognise runs on every mail. The copy is private, and matchAll clones the
 * pattern it is given, so its lastIndex stays 0 (the rule's own pattern may have been used elsewhere).
 */
const globalCache = new WeakMap<RegExp, RegExp>();

function globalOf(re: RegExp): RegExp {
  let g = globalCache.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    globalCache.set(re, g);
  }
  return g;
}

function splitBlocks(text: string, at: RegExp): string[] {
  const starts = [...text.matchAll(globalOf(at))].map((m) => m.index);
  if (starts.length === 0) return [];
  return starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
}

function applyRule(
  rule: Rule,
  mail: ParsedMail,
  authenticity: Authenticity,
  fallbackTime: string,
): RecognisedSignal[] {
  const out: RecognisedSignal[] = [];
  if (rule.rows) {
    for (const m of mail.normText.matchAll(globalOf(rule.rows))) {
      const s = extractOne(rule, m[0], mail, authenticity, fallbackTime, m.groups ?? {});
      if (s) out.push(s);
    }
    if (out.length > 0) return out;
  }
  if (rule.blocks) {
    for (const block of splitBlocks(mail.normText, rule.blocks)) {
      const s = extractOne(rule, block, mail, authenticity, fallbackTime);
      if (s) out.push(s);
    }
    if (out.length > 0) return out;
  }
  const s = extractOne(rule, mail.normText, mail, authenticity, fallbackTime);
  return s ? [s] : [];
}

export interface RecogniseOptions {
  readonly trust?: TrustPolicy;
  /** Used when a mail carries neither a body date nor a readable Date header (the time it was imported). */
  readonly fallbackTime: string;
  /** Watched identities (built-in plus the user's own rules); default: the built-in packs. */
  readonly identities?: readonly VendorIdentity[];
}

export function recognise(mail: ParsedMail, rules: readonly Rule[], opts: RecogniseOptions): Recognition {
  if (!mail.from) return NOTHING;
  const identities = opts.identities ?? IDENTITIES;
  const auth = assessAuthenticity(
    {
      fromAddress: mail.from.address,
      fromName: mail.from.name,
      arh: headersNamed(mail, 'authentication-results'),
      links: mail.links,
    },
    opts.trust ?? DEFAULT_TRUST,
    identities,
  );
  if (auth.claim) return recogniseAs(mail, auth, rules, opts);
  // Not from a watched sender: it may carry one, forwarded inline or attached whole.
  const forwarded = forwardedOriginal(mail);
  if (!forwarded) return NOTHING;
  const fwdAuth = assessAuthenticity(
    {
      fromAddress: forwarded.from?.address ?? '',
      fromName: forwarded.from?.name ?? '',
      arh: [],
      // The original's links: for an attached original they are its own, not the forwarder's note around it.
      links: forwarded.links,
    },
    opts.trust ?? DEFAULT_TRUST,
    identities,
  );
  if (!fwdAuth.claim) return NOTHING;
  // The forwarder's provider checked the forwarder, not the original sender: never "verified".
  const verdict =
    fwdAuth.verdict === 'suspicious'
      ? fwdAuth
      : {
          ...fwdAuth,
          verdict: 'unverified' as const,
          reason: `forwarded by ${mail.from.address}: the original sender cannot be checked`,
        };
  return recogniseAs(forwarded, verdict, rules, opts);
}

/** The original of a forwarded mail: an attached message/rfc822, else an inline forwarded block. */
function forwardedOriginal(mail: ParsedMail): ParsedMail | null {
  if (mail.attached?.from) return { ...mail.attached, headers: [] };
  const f = findForwarded(mail.normText, mail.date?.offsetMinutes ?? 0);
  if (!f) return null;
  return {
    ...mail,
    from: { name: f.fromName, address: f.fromAddress },
    subject: f.subject,
    normSubject: normaliseLine(f.subject),
    normText: f.text,
    text: f.text,
    date: f.date ?? mail.date,
    headers: [],
    attached: null,
  };
}

/** Rule id → the ids of the rules that settle it (Rule.settles), worked out once per rules array. */
const settledByCache = new WeakMap<readonly Rule[], ReadonlyMap<string, readonly string[]>>();

function settledByOf(rules: readonly Rule[]): ReadonlyMap<string, readonly string[]> {
  let map = settledByCache.get(rules);
  if (!map) {
    const m = new Map<string, string[]>();
    for (const r of rules) {
      if (r.settles === undefined) continue;
      const ids = m.get(r.settles);
      if (ids) ids.push(r.id);
      else m.set(r.settles, [r.id]);
    }
    map = m;
    settledByCache.set(rules, map);
  }
  return map;
}

function recogniseAs(
  mail: ParsedMail,
  auth: AuthOutcome,
  rules: readonly Rule[],
  opts: RecogniseOptions,
): Recognition {
  const claim = auth.claim;
  if (!claim) return NOTHING;
  const vendor = claim.identity.vendor;
  const authenticity: Authenticity = { verdict: auth.verdict, reason: auth.reason };
  // An impostor's address never matches the rule's senders, so for a failed claim the markers alone decide
  // which format it imitates; a genuine-domain claim must also match the rule's sender list.
  const genuineSender = claim.type === 'genuine-domain';
  const candidates = rules.filter(
    (r) =>
      r.vendor === vendor ||
      (genuineSender && r.from.some((p) => senderMatches(mail.from?.address ?? '', p))),
  );
  const rule = candidates.find((r) => ruleMatches(r, mail, genuineSender));
  if (auth.verdict === 'suspicious') {
    const imitated = rule ? applyRule(rule, mail, authenticity, opts.fallbackTime)[0] : undefined;
    const when = imitated?.occurredAt ?? (mail.date ? toIso(mail.date) : opts.fallbackTime);
    return {
      claimedVendor: vendor,
      authenticity,
      signals: [
        {
          kind: 'impersonation',
          vendor,
          ruleId: rule ? `impersonation:${rule.id}` : 'impersonation',
          amount: imitated?.amount ?? null,
          occurredAt: when,
          merchant: imitated?.merchant ?? null,
          cardLast4: imitated?.cardLast4 ?? null,
          orderId: imitated?.orderId ?? null,
          recipient: imitated?.recipient ?? null,
          authenticity,
          settles: null,
          settledBy: [],
        },
      ],
    };
  }
  if (!rule) return { claimedVendor: vendor, authenticity, signals: [] };
  const fallback = mail.date ? toIso(mail.date) : opts.fallbackTime;
  const settledBy = settledByOf(rules).get(rule.id) ?? [];
  const signals = applyRule(rule, mail, authenticity, fallback).map((s) => ({
    ...s,
    settles: rule.settles ?? null,
    settledBy,
  }));
  return { claimedVendor: vendor, authenticity, signals };
}
