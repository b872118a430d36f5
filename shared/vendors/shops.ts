import type { VendorInfo } from './index';

/**
 * How banks print Amazon charges: "AMAZON.CO.JP", "AMZN Mktp US", "Amazon.co.uk*AB12C", "AMAZON EU SARL",
 * "AMZ*Amazon.de", "アマゾン". Matched after folding case, dots, spaces and asterisks (correlate/links.ts).
 */
const AMAZON_DESCRIPTORS = ['AMAZON', 'AMZN', 'AMZ*', 'アマゾン'];

function amazon(id: string, name: string): VendorInfo {
  return { id, role: 'shop', name: { en: name, ja: name }, merchantDescriptors: AMAZON_DESCRIPTORS };
}

/** Shops and platforms whose accounts can be taken over to buy gift cards. */
export const SHOP_VENDORS: readonly VendorInfo[] = [
  amazon('amazon.co.jp', 'Amazon.co.jp'),
  amazon('amazon.com', 'Amazon.com'),
  amazon('amazon.co.uk', 'Amazon.co.uk'),
  amazon('amazon.de', 'Amazon.de'),
  amazon('amazon.fr', 'Amazon.fr'),
  amazon('amazon.it', 'Amazon.it'),
  amazon('amazon.es', 'Amazon.es'),
  amazon('amazon.ca', 'Amazon.ca'),
  amazon('amazon.com.au', 'Amazon.com.au'),
  {
    id: 'apple.com',
    role: 'platform',
    name: { en: 'Apple', ja: 'Apple' },
    // "APPLE.COM/BILL" (US and JP card statements), "APPLE COM BILL", "ITUNES.COM/BILL" (older), "APPLE ONLINE
    // STORE", "アップル". Not a bare "APPLE": "PINEAPPLE CAFE" is no Apple charge.
    merchantDescriptors: [
      'APPLE.COM',
      'ITUNES.COM',
      'ITUNES',
      'APPLE ONLINE STORE',
      'APPLE STORE',
      'アップル',
    ],
  },
  {
    id: 'play.google.com',
    role: 'platform',
    name: { en: 'Google Play', ja: 'Google Play' },
    // "GOOGLE*Google Play", "GOOGLE *YouTube", "ＧＯＯＧＬＥ＊ＹＯＵＴＵＢＥ　ＳＵＰＥＲ" (mail-formats.md §0): the
    // asterisk is folded away, so "GOOGLE*" matches every Google charge.
    merchantDescriptors: ['GOOGLE*', 'GOOGLE PLAY', 'グーグル'],
  },
  {
    id: 'steampowered.com',
    role: 'platform',
    name: { en: 'Steam', ja: 'Steam' },
    // "STEAMGAMES.COM 4259522985", "STEAM PURCHASE", "Valve Corp", "スチーム".
    merchantDescriptors: ['STEAMGAMES', 'STEAM', 'VALVE', 'スチーム'],
  },
];
