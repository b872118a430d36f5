import type { Locale } from './domain';

export type VendorRole = 'shop' | 'bank' | 'card' | 'payment' | 'platform';

export interface VendorInfo {
  /** The vendor's main domain, used as its id throughout ("amazon.co.jp"). */
  readonly id: string;
  readonly role: VendorRole;
  readonly name: Readonly<Record<Locale, string>>;
  /** Descriptors banks print for this vendor's charges, NFKC-normalised and upper-cased for matching. */
  readonly merchantDescriptors?: readonly string[];
}

const AMAZON_DESCRIPTORS = ['AMAZON', 'AMZN', 'アマゾン'];

/** Display data for the vendors the rule packs know. The identity (domains) lives with the rules in the core. */
export const VENDORS: readonly VendorInfo[] = [
  {
    id: 'amazon.co.jp',
    role: 'shop',
    name: { en: 'Amazon.co.jp', ja: 'Amazon.co.jp' },
    merchantDescriptors: AMAZON_DESCRIPTORS,
  },
  {
    id: 'amazon.com',
    role: 'shop',
    name: { en: 'Amazon.com', ja: 'Amazon.com' },
    merchantDescriptors: AMAZON_DESCRIPTORS,
  },
  { id: 'rakuten-bank.co.jp', role: 'bank', name: { en: 'Rakuten Bank', ja: '楽天銀行' } },
  { id: 'sonybank.net', role: 'bank', name: { en: 'Sony Bank', ja: 'ソニー銀行' } },
  { id: 'rakuten-card.co.jp', role: 'card', name: { en: 'Rakuten Card', ja: '楽天カード' } },
];

const BY_ID = new Map(VENDORS.map((v) => [v.id, v]));

export function vendorInfo(id: string): VendorInfo | undefined {
  return BY_ID.get(id);
}

export function vendorName(id: string, locale: Locale): string {
  return BY_ID.get(id)?.name[locale] ?? id;
}
