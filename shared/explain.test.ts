import { describe, expect, it } from 'vitest';
import { describeVerdict } from './explain';

describe('describeVerdict', () => {
  it.each([
    [
      { verdict: 'verified', reason: 'dmarc=pass header.from=amazon.co.jp (mx.google.com)' },
      'en',
      'genuine: signed by amazon.co.jp, checked by Gmail',
    ],
    [
      { verdict: 'verified', reason: 'dkim=pass header.d=amazon.co.jp (atlas206.free.mail.ne1.yahoo.com)' },
      'en',
      'genuine: signed by amazon.co.jp, checked by Yahoo',
    ],
    [
      { verdict: 'verified', reason: 'dmarc=pass header.from=amazon.co.jp (mx.google.com)' },
      'ja',
      '本物: amazon.co.jp の署名を Gmail が確認済み',
    ],
    [
      { verdict: 'suspicious', reason: 'sender domain amazon.co.jp.x.example imitates amazon.co.jp' },
      'en',
      'suspicious: sender domain amazon.co.jp.x.example imitates amazon.co.jp',
    ],
    [
      { verdict: 'unverified', reason: 'no Authentication-Results header' },
      'ja',
      '未確認: no Authentication-Results header',
    ],
  ] as const)('%j in %s', (a, locale, want) => {
    expect(describeVerdict(a, locale)).toBe(want);
  });
});
