import { describe, expect, it } from 'vitest';
import { PAGE_PURPOSES } from '../../../shared/response';
import { VENDORS } from '../../../shared/vendors';
import { identityOf, isVendorDomain } from '../recognise/identity';
import { PASSWORD_PAGES, pageUrl, purposesOf } from './passwordPages';

const entries = PASSWORD_PAGES.flatMap((p) =>
  Object.entries(p.pages).map(([purpose, url]) => ({ vendor: p.vendor, purpose, url: url ?? '' })),
);

describe('the curated official pages', () => {
  it('lists each vendor once', () => {
    const vendors = PASSWORD_PAGES.map((p) => p.vendor);
    expect(new Set(vendors).size).toBe(vendors.length);
  });

  it.each(entries)('$vendor $purpose is https on one of the vendor’s own domains', ({ vendor, url }) => {
    const identity = identityOf(vendor);
    expect(identity, `no identity for ${vendor}`).toBeDefined();
    const u = new URL(url);
    expect(u.protocol).toBe('https:');
    expect(u.username).toBe('');
    expect(u.password).toBe('');
    expect(u.port).toBe('');
    expect(u.hash).toBe('');
    expect(identity && isVendorDomain(identity, u.hostname), `${u.hostname} is not ${vendor}'s`).toBe(true);
  });

  it('has a password page for every shop and platform the rules know', () => {
    for (const v of VENDORS.filter((x) => x.role === 'shop' || x.role === 'platform')) {
      expect(pageUrl(v.id, 'password'), v.id).not.toBeNull();
    }
  });

  it('names only vendors the app knows, with only known purposes', () => {
    const known = new Set(VENDORS.map((v) => v.id));
    for (const p of PASSWORD_PAGES) {
      expect(known.has(p.vendor), p.vendor).toBe(true);
      for (const purpose of Object.keys(p.pages)) expect(PAGE_PURPOSES).toContain(purpose);
    }
  });

  it('links Amazon.co.jp’s own Login & security page and its cancelled-orders filter', () => {
    expect(pageUrl('amazon.co.jp', 'password')).toBe('https://www.amazon.co.jp/ap/cnep?ie=UTF8');
    expect(pageUrl('amazon.co.jp', 'orders')).toBe(
      'https://www.amazon.co.jp/gp/your-account/order-history?orderFilter=cancelled',
    );
    expect(purposesOf('amazon.co.jp')).toEqual(['password', 'signout', 'twoStep', 'orders', 'contact']);
    expect(purposesOf('example.com')).toEqual([]);
  });

  it('refuses a look-alike: the check would catch a page on another domain', () => {
    const amazon = identityOf('amazon.co.jp');
    expect(amazon && isVendorDomain(amazon, 'www.amazon.co.jp.account-verify.net')).toBe(false);
    expect(amazon && isVendorDomain(amazon, 'www.amazon.com')).toBe(false);
  });
});
