/**
 * The identities of the Japanese bank and card packs (rules/jp-banks.ts, rules/jp-cards.ts): their genuine
 * senders, the look-alikes their brand tokens catch, and the unrelated or sister-company senders they must not
 * flag (a short token such as "jcb" or "mufg" would turn up inside other names).
 */
import { describe, expect, it } from 'vitest';
import { claimOf, lookalikeOf } from './identity';

function claim(address: string, name = ''): string | null {
  const c = claimOf(address, name);
  return c ? `${c.type}:${c.identity.vendor}` : null;
}

describe('Japanese banks and cards: genuine senders (mail-formats.md §3)', () => {
  it.each([
    ['statement@vpass.ne.jp', 'smbc-card.com'],
    ['smbc-debit@smbc-card.com', 'smbc-card.com'],
    ['mail@qa.jcb.co.jp', 'jcb.co.jp'],
    ['mail@cj.jcb.co.jp', 'jcb.co.jp'],
    ['mail@debit.bk.mufg.jp', 'bk.mufg.jp'],
    ['mail@jcbdebit.bk.mufg.jp', 'bk.mufg.jp'],
    ['mail@direct-11.bk.mufg.jp', 'bk.mufg.jp'],
    ['post_master@netbk.co.jp', 'netbk.co.jp'],
    ['customer2@cc.paypay-bank.co.jp', 'paypay-bank.co.jp'],
    ['yuchodebit@jp-bank.japanpost.jp', 'jp-bank.japanpost.jp'],
    ['viewcard@mail.viewsnet.jp', 'viewsnet.jp'],
    ['info@aeon.co.jp', 'aeon.co.jp'],
    ['info@aeonbank.co.jp', 'aeon.co.jp'],
    ['news@aeon.com', 'aeon.co.jp'],
  ])('%s is %s', (address, vendor) => {
    expect(claim(address)).toBe(`genuine-domain:${vendor}`);
  });
});

describe('Japanese banks and cards: look-alike domains', () => {
  it.each([
    ['statement@vpass.ne.jp.card-info.net', 'smbc-card.com'],
    ['x@smbc-card-login.com', 'smbc-card.com'],
    ['x@jcb.co.jp.evil.com', 'jcb.co.jp'],
    ['x@myjcb-login.net', 'jcb.co.jp'],
    ['x@jcb-card-security.com', 'jcb.co.jp'],
    ['x@jcb-co-jp.com', 'jcb.co.jp'],
    ['x@mufg-jp-security.com', 'bk.mufg.jp'],
    ['x@bk-mufg.info', 'bk.mufg.jp'],
    ['x@netbk-login.com', 'netbk.co.jp'],
    ['x@sbinetbank.info', 'netbk.co.jp'],
    ['x@paypay-bank-jp.com', 'paypay-bank.co.jp'],
    ['x@jp-bank-japanpost.com', 'jp-bank.japanpost.jp'],
    ['x@yucho-debit.com', 'jp-bank.japanpost.jp'],
    ['x@viewsnet-login.com', 'viewsnet.jp'],
    ['x@aeoncard-login.com', 'aeon.co.jp'],
    ['x@aeon-credit.top', 'aeon.co.jp'],
  ])('%s imitates %s', (address, vendor) => {
    expect(claim(address)).toBe(`lookalike-domain:${vendor}`);
  });
});

describe('Japanese banks and cards: senders that claim nothing', () => {
  it.each([
    // Sister companies and namesakes: theirs, not the watched vendor's, and not impostors.
    ['x@cr.mufg.jp', '三菱UFJニコス'],
    ['x@smbc.co.jp', '三井住友銀行'],
    ['x@shinseibank.com', 'SBI新生銀行'],
    ['x@paypay.ne.jp', 'PayPay'],
    ['x@post.japanpost.jp', '日本郵便'],
    ['x@aeonmall.com', 'イオンモール'],
    ['x@aeonretail.com', 'イオンリテール'],
    // Domains that merely contain a short brand's letters, or sit one edit from one.
    ['x@pass.example.com', ''],
    ['x@mufc.co.uk', ''],
    ['x@muff.com', ''],
    ['x@ajcbx.com', ''],
    ['x@passmarket.yahoo.co.jp', ''],
  ])('%s "%s" → null', (address, name) => {
    expect(claim(address, name)).toBeNull();
    expect(lookalikeOf(address.split('@')[1] ?? '')).toBeNull();
  });
});

describe('Japanese banks and cards: display names over foreign addresses', () => {
  it.each([
    ['ufott@creema.jp', '三井住友カード', 'smbc-card.com'],
    ['admin@foxmail.com', 'イオンクレジットサービス株式会社', 'aeon.co.jp'],
    ['x@example.com', 'ＪＣＢカード', 'jcb.co.jp'],
    ['x@example.com', 'JCB Webmaster', 'jcb.co.jp'],
    ['x@example.com', '三菱ＵＦＪ‐ＶＩＳＡデビット', 'bk.mufg.jp'],
    ['x@example.com', '住信SBIネット銀行', 'netbk.co.jp'],
    ['x@example.com', 'PayPay銀行', 'paypay-bank.co.jp'],
    ['x@example.com', 'ゆうちょ銀行', 'jp-bank.japanpost.jp'],
    ['x@example.com', 'ビューカード', 'viewsnet.jp'],
  ])('%s "%s" claims %s', (address, name, vendor) => {
    expect(claim(address, name)).toBe(`display-name:${vendor}`);
  });
});
