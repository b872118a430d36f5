/**
 * A rule is data: who sends the mail, what marks it, which labelled fields carry the facts, and what kind of
 * signal it becomes. The engine (engine.ts) is the only code that interprets rules, so built-in packs and the
 * rules a user writes in the window behave identically.
 */
import type { SignalKind } from '../../../shared/domain';
import type { VendorIdentity } from './identity';

/**
 * Where a field's value comes from. The first source that yields a value wins.
 * - label: a labelled field at the start of a line ("■利用金額: 3,300 円", "【ご利用金額】 159円",
 *   "ご利用金額(円) : 610"), its value on the same line or, when that is empty, on the next non-empty line
 *   ("■今回のご利用金額\n840円"). Labels are matched after NFKC, so write them in half-width form.
 * - pattern: a regular expression over the normalised text; capture group 1 is the value.
 * - subject: the same over the normalised subject.
 */
export type FieldSource =
  | { readonly label: string | readonly string[] }
  | { readonly pattern: RegExp }
  | { readonly subject: RegExp };

/**
 * `currency` reads an ISO 4217 code printed in its own field (SBI's 引落通貨：USD, ゆうちょ's 利用通貨  USD): it
 * decides the currency of an amount printed without a sign.
 */
export type FieldName = 'amount' | 'date' | 'merchant' | 'orderId' | 'recipient' | 'cardLast4' | 'currency';

export interface Rule {
  /** Stable id, "<vendor>/<what>": shown in the window as the reason a mail was recognised. */
  readonly id: string;
  readonly vendor: string;
  readonly kind: SignalKind;
  /**
   * The mail format this rule follows and how sure that format is: [V] verified from real mail, [F] from a
   * fixture, [I] inferred. An [I] rule must tolerate variation (alternatives, optional fields).
   */
  readonly basis: string;
  /** Sender addresses ("auto-confirm@amazon.co.jp"), exact domains ("@sonybank.jp") or domains with subdomains. */
  readonly from: readonly string[];
  /** At least one must match the normalised subject (omit to accept any subject). */
  readonly subject?: readonly RegExp[];
  /** Every one must match the normalised body. */
  readonly body?: readonly RegExp[];
  /** At least one must match the normalised body. */
  readonly bodyAny?: readonly RegExp[];
  /** None may match the subject or the body: statements, campaigns, and look-alike mails of other kinds. */
  readonly not?: readonly RegExp[];
  /** ISO 4217 code assumed when an amount carries no currency sign (SBI prints "3,360.00"). */
  readonly currency: string;
  /** IANA zone the sender means for body times that name none. */
  readonly zone: string;
  /**
   * Several events in one mail: the body is cut at every match of `blocks`, and each block yields one signal
   * with its own fields (a Rakuten Card mail with several ■利用日 entries).
   */
  readonly blocks?: RegExp;
  /**
   * Several events in one mail laid out as rows: every match yields a signal from its named groups
   * (amount, date, merchant). Used for HTML tables rendered to text.
   */
  readonly rows?: RegExp;
  readonly fields: Partial<Record<FieldName, readonly FieldSource[]>>;
  /** A charge rule without an amount is not a charge notice (it is a campaign mail that shares the subject). */
  readonly requireAmount?: boolean;
  /** Text that turns a charge into a refund ("◇利用取引:返品", "reversed"); a negative amount does too. */
  readonly refundWhen?: readonly RegExp[];
  /**
   * This rule's charges confirm charges another rule already announced: JCB's 売上到着 notice repeats charges
   * its instant notice reported at purchase time (mail-formats.md §3.3). A charge from this rule with the same
   * vendor, amount, day and merchant as one from the named rule is the same charge and is stored once.
   */
  readonly settles?: string;
}

/** A family of senders: who they are (identities) and what their mail means (rules). One file per family. */
export interface RulePack {
  readonly identities: readonly VendorIdentity[];
  readonly rules: readonly Rule[];
}
