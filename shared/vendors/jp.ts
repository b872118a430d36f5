import type { VendorInfo } from './index';

/** Japanese banks and card issuers. */
export const JP_VENDORS: readonly VendorInfo[] = [
  { id: 'rakuten-bank.co.jp', role: 'bank', name: { en: 'Rakuten Bank', ja: '楽天銀行' } },
  { id: 'sonybank.net', role: 'bank', name: { en: 'Sony Bank', ja: 'ソニー銀行' } },
  { id: 'rakuten-card.co.jp', role: 'card', name: { en: 'Rakuten Card', ja: '楽天カード' } },
  { id: 'bk.mufg.jp', role: 'bank', name: { en: 'MUFG Bank', ja: '三菱UFJ銀行' } },
  { id: 'netbk.co.jp', role: 'bank', name: { en: 'SBI Sumishin Net Bank', ja: '住信SBIネット銀行' } },
  { id: 'paypay-bank.co.jp', role: 'bank', name: { en: 'PayPay Bank', ja: 'PayPay銀行' } },
  { id: 'jp-bank.japanpost.jp', role: 'bank', name: { en: 'Japan Post Bank', ja: 'ゆうちょ銀行' } },
  { id: 'smbc-card.com', role: 'card', name: { en: 'Sumitomo Mitsui Card', ja: '三井住友カード' } },
  { id: 'jcb.co.jp', role: 'card', name: { en: 'JCB', ja: 'JCB' } },
  { id: 'viewsnet.jp', role: 'card', name: { en: 'View Card', ja: 'ビューカード' } },
  { id: 'aeon.co.jp', role: 'card', name: { en: 'AEON Card', ja: 'イオンカード' } },
];
