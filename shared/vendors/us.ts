import type { VendorInfo } from './index';

/** US banks and card issuers, and payment services. */
export const US_VENDORS: readonly VendorInfo[] = [
  { id: 'chase.com', role: 'bank', name: { en: 'Chase', ja: 'チェース' } },
  {
    id: 'americanexpress.com',
    role: 'card',
    name: { en: 'American Express', ja: 'アメリカン・エキスプレス' },
  },
  { id: 'wellsfargo.com', role: 'bank', name: { en: 'Wells Fargo', ja: 'ウェルズ・ファーゴ' } },
  { id: 'capitalone.com', role: 'card', name: { en: 'Capital One', ja: 'キャピタル・ワン' } },
  { id: 'paypal.com', role: 'payment', name: { en: 'PayPal', ja: 'PayPal' } },
];
