/** A compact way to write signals in table-driven correlation tests. */
import type { Signal, SignalKind, Verdict } from '../../../shared/domain';

let next = 1;

export interface SigSpec {
  id?: string;
  kind: SignalKind;
  vendor?: string;
  /** "JPY 10000" or "USD 1234"; omit for none. */
  amount?: string;
  at: string;
  merchant?: string | null;
  orderId?: string | null;
  verdict?: Verdict;
}

export function sig(s: SigSpec): Signal {
  const [currency, minor] = s.amount ? s.amount.split(' ') : [];
  const id = s.id ?? String(next++);
  const defaultVendor = s.kind.startsWith('payment.') ? 'rakuten-bank.co.jp' : 'amazon.co.jp';
  return {
    id,
    kind: s.kind,
    vendor: s.vendor ?? defaultVendor,
    amount: currency && minor ? { currency, minor: Number(minor) } : null,
    occurredAt: s.at,
    merchant: s.merchant ?? null,
    cardLast4: null,
    orderId: s.orderId ?? null,
    recipient: null,
    authenticity: { verdict: s.verdict ?? 'verified', reason: 'test' },
    message: { messageId: `m${id}`, from: 'test', subject: 'test', date: s.at },
    ruleId: 'test',
  };
}
