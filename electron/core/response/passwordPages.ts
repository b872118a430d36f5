/**
 * The vendors' OFFICIAL pages, curated by hand: where to change the password (or the security settings that hold
 * it), sign out everywhere, turn on two-step verification, see the orders, and reach support. The one-click
 * rotation and the response playbook open only these: a URL never comes from a mail or from the renderer.
 *
 * Every URL is https on one of the vendor's own domains (its identity in recognise/rules, checked by
 * passwordPages.test.ts with isVendorDomain). Nothing here was fetched from a live site while writing it; the tag
 * after each line says how sure it is:
 *   [V] the same URL (or, for another Amazon marketplace, the same path) appears in public code that drives or
 *       links the real site, or in the vendor's own mail or terms as quoted publicly;
 *   [I] inferred from the vendor's help texts and site structure, not seen verbatim: it is on the vendor's own
 *       domain, so at worst it lands on an official page that moved.
 * Phone numbers are given only where the vendor itself prints them (quoted in [V] sources); otherwise the
 * contact page is the way in. Banks get no phone number here: the one on the back of the card is the right one.
 */
import type { PagePurpose, Phone } from '../../../shared/response';

export interface VendorPages {
  readonly vendor: string;
  readonly pages: Readonly<Partial<Record<PagePurpose, string>>>;
  /** Amazon's "orders" page is the cancelled-orders filter (the thief's cancelled orders show what was tried). */
  readonly cancelledOrders?: boolean;
  readonly phones?: readonly Phone[];
}

/**
 * Amazon marketplaces share one site layout under their own domain:
 * - /ap/cnep is "Login & security" (name, e-mail, password; "Compromised account? Secure your account" signs out
 *   everywhere) [V: `https://www.amazon.co.jp/ap/cnep?ie=UTF8` and the .com/.co.uk/.de/.fr forms in a public
 *   password-change adapter; the sign-out-everywhere button on that page is [I]];
 * - /a/settings/approval is Two-Step Verification [V: amazon.com and amazon.in in public code; other
 *   marketplaces I];
 * - /gp/your-account/order-history?orderFilter=cancelled is the "Cancelled orders" tab [V: the tab's own link on
 *   amazon.com, amazon.ca and amazon.in pages captured in public code; other marketplaces I];
 * - /gp/help/customer/contact-us is "Contact us" [V: amazon.com, .co.uk, .de, .in in public code; others I].
 */
function amazon(domain: string, phones?: readonly Phone[]): VendorPages {
  const base = `https://www.${domain}`;
  return {
    vendor: domain,
    pages: {
      password: `${base}/ap/cnep?ie=UTF8`,
      signout: `${base}/ap/cnep?ie=UTF8`,
      twoStep: `${base}/a/settings/approval`,
      orders: `${base}/gp/your-account/order-history?orderFilter=cancelled`,
      contact: `${base}/gp/help/customer/contact-us`,
    },
    cancelledOrders: true,
    ...(phones ? { phones } : {}),
  };
}

export const PASSWORD_PAGES: readonly VendorPages[] = [
  // 0120-999-373: Amazon Japan's customer service, printed in the Amazon.co.jp gift card terms ("カスタマーサービス
  // (℡0120-999-373 …)") [V as quoted in public files]. Amazon JP usually calls back from the contact page.
  amazon('amazon.co.jp', [{ region: 'JP', number: '0120-999-373' }]),
  // 1-888-280-4331: Amazon.com customer service [V: cited with amazon.com/gp/help/customer/contact-us as source].
  amazon('amazon.com', [{ region: 'US', number: '1-888-280-4331' }]),
  amazon('amazon.co.uk'),
  amazon('amazon.de'),
  amazon('amazon.fr'),
  amazon('amazon.it'),
  amazon('amazon.es'),
  amazon('amazon.ca'),
  amazon('amazon.com.au'),
  {
    vendor: 'apple.com',
    pages: {
      // Apple Account (formerly Apple ID) sign-in and security, devices included; account.apple.com replaced
      // appleid.apple.com in 2024, which redirects there [I; account.apple.com seen in public code V].
      password: 'https://account.apple.com/account/manage',
      signout: 'https://account.apple.com/account/manage',
      twoStep: 'https://account.apple.com/account/manage',
      // Report a problem: Apple's own page to see purchases and ask for a refund of one you did not make [V].
      orders: 'https://reportaproblem.apple.com/',
      contact: 'https://support.apple.com/contact', // [V]
    },
    phones: [
      // Printed in the Apple Gift Card terms for Japan ("0120-277-535までお電話ください") [V as quoted].
      { region: 'JP', number: '0120-277-535' },
      // 1-800-APL-CARE, Apple Support in the US [I: Apple's long-published support number].
      { region: 'US', number: '1-800-275-2273' },
    ],
  },
  {
    // Google Play purchases belong to the Google Account: its security pages are Google's own (google.com).
    vendor: 'play.google.com',
    pages: {
      password: 'https://myaccount.google.com/signinoptions/password', // [V]
      signout: 'https://myaccount.google.com/device-activity', // [V]
      twoStep: 'https://myaccount.google.com/signinoptions/two-step-verification', // [V]
      orders: 'https://play.google.com/store/account/orderhistory', // [I]
      contact: 'https://support.google.com/googleplay/', // [V: Google Play Help]
    },
  },
  {
    vendor: 'steampowered.com',
    pages: {
      // The help-site wizard that changes the password [V: used by public Steam clients].
      password: 'https://help.steampowered.com/wizard/HelpChangePassword?redir=store/account/',
      // Steam Guard management, with "Deauthorize all other devices" [V].
      signout: 'https://store.steampowered.com/twofactor/manage',
      twoStep: 'https://store.steampowered.com/twofactor/manage',
      orders: 'https://store.steampowered.com/account/history/', // purchase history [I]
      contact: 'https://help.steampowered.com/', // Steam Support [V]
    },
  },
  {
    vendor: 'paypal.com',
    pages: {
      // Settings → Security, linked from PayPal's own new-login mail [V as quoted]; password, 2-step and logged-in
      // devices live there [I].
      password: 'https://www.paypal.com/myaccount/security/',
      signout: 'https://www.paypal.com/myaccount/security/',
      twoStep: 'https://www.paypal.com/myaccount/security/',
      orders: 'https://www.paypal.com/myaccount/activities/', // activity [I]
      contact: 'https://www.paypal.com/smarthelp/contact-us', // [I]
    },
  },

  // Banks and card issuers: the official site (where the login and the lost-card instructions are). Deeper pages
  // are linked only where a public copy of the page was seen.
  {
    vendor: 'rakuten-bank.co.jp',
    pages: {
      password: 'https://www.rakuten-bank.co.jp/', // top page with the login [V: domain]
      // 「デビットカード 安心セキュリティ機能」: stopping the debit card from the logged-in screen [V: page seen].
      contact: 'https://www.rakuten-bank.co.jp/debit-card/support/security/',
    },
  },
  {
    // Sony Bank's site moved to sonybank.jp (moneykit.net before); sonybank.jp product pages exist [V], the top page
    // as the way in [I].
    vendor: 'sonybank.net',
    pages: { password: 'https://sonybank.jp/', contact: 'https://sonybank.jp/' },
  },
  {
    vendor: 'rakuten-card.co.jp',
    pages: {
      password: 'https://www.rakuten-card.co.jp/e-navi/', // 楽天e-NAVI [I]
      contact: 'https://www.rakuten-card.co.jp/', // [V: domain]
    },
  },
  {
    vendor: 'bk.mufg.jp',
    pages: { password: 'https://www.bk.mufg.jp/', contact: 'https://www.bk.mufg.jp/' }, // [V: domain]
  },
  {
    vendor: 'netbk.co.jp',
    pages: { password: 'https://www.netbk.co.jp/', contact: 'https://www.netbk.co.jp/' }, // [V: domain]
  },
  {
    vendor: 'paypay-bank.co.jp',
    pages: { password: 'https://www.paypay-bank.co.jp/', contact: 'https://www.paypay-bank.co.jp/' }, // [V]
  },
  {
    vendor: 'jp-bank.japanpost.jp',
    pages: {
      password: 'https://www.jp-bank.japanpost.jp/', // [V: domain]
      contact: 'https://www.jp-bank.japanpost.jp/',
    },
  },
  {
    vendor: 'smbc-card.com',
    pages: { password: 'https://www.smbc-card.com/', contact: 'https://www.smbc-card.com/' }, // Vpass entry [V]
  },
  {
    vendor: 'jcb.co.jp',
    pages: { password: 'https://my.jcb.co.jp/', contact: 'https://www.jcb.co.jp/' }, // MyJCB [I], top [V]
  },
  {
    vendor: 'viewsnet.jp',
    pages: { password: 'https://viewsnet.jp/', contact: 'https://viewsnet.jp/' }, // VIEW's NET [I]
  },
  {
    vendor: 'aeon.co.jp',
    pages: { password: 'https://www.aeon.co.jp/', contact: 'https://www.aeon.co.jp/' }, // [V: domain]
  },
  {
    vendor: 'chase.com',
    pages: { password: 'https://www.chase.com/', contact: 'https://www.chase.com/' }, // [V: domain]
  },
  {
    vendor: 'americanexpress.com',
    pages: {
      password: 'https://www.americanexpress.com/',
      contact: 'https://www.americanexpress.com/',
    }, // [V: domain]
  },
  {
    vendor: 'wellsfargo.com',
    pages: { password: 'https://www.wellsfargo.com/', contact: 'https://www.wellsfargo.com/' }, // [V: domain]
  },
  {
    vendor: 'capitalone.com',
    pages: { password: 'https://www.capitalone.com/', contact: 'https://www.capitalone.com/' }, // [V: domain]
  },
];

const BY_VENDOR = new Map(PASSWORD_PAGES.map((p) => [p.vendor, p]));

export function pagesOf(vendor: string): VendorPages | undefined {
  return BY_VENDOR.get(vendor);
}

export function pageUrl(vendor: string, purpose: PagePurpose): string | null {
  return BY_VENDOR.get(vendor)?.pages[purpose] ?? null;
}

/** The purposes a vendor has a page for, in the contract's order. */
export function purposesOf(vendor: string): PagePurpose[] {
  const pages = BY_VENDOR.get(vendor)?.pages ?? {};
  return (['password', 'signout', 'twoStep', 'orders', 'contact'] as const).filter((p) => pages[p]);
}
