import type { Locale } from '../domain';
import { JP_VENDORS } from './jp';
import { SHOP_VENDORS } from './shops';
import { US_VENDORS } from './us';

export type VendorRole = 'shop' | 'bank' | 'card' | 'payment' | 'platform';

export interface VendorInfo {
  /** The vendor's main domain, used as its id throughout ("amazon.co.jp"). */
  readonly id: string;
  readonly role: VendorRole;
  readonly name: Readonly<Record<Locale, string>>;
  /** Descriptors banks print for this vendor's charges, NFKC-normalised and upper-cased for matching. */
  readonly merchantDescriptors?: readonly string[];
}

/** Display data for the vendors the rule packs know, one file per region. The identity (domains) lives with the rules. */
export const VENDORS: readonly VendorInfo[] = [...SHOP_VENDORS, ...JP_VENDORS, ...US_VENDORS];

const BY_ID = new Map(VENDORS.map((v) => [v.id, v]));

export function vendorInfo(id: string): VendorInfo | undefined {
  return BY_ID.get(id);
}

export function vendorName(id: string, locale: Locale): string {
  return BY_ID.get(id)?.name[locale] ?? id;
}
