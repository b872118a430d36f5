import { describe, expect, it } from 'vitest';
import { gmailArh } from '../testing/mailbuilder';
import {
  assessAuthenticity,
  DEFAULT_TRUST,
  isTrusted,
  parseArh,
  type AuthInput,
  type TrustPolicy,
} from './authenticity';

/** The value of a builder header line, as parseMail hands it over (unfolded). */
const value = (headerLine: string): string =>
  headerLine.replace(/^Authentication-Results:\s*/i, '').replace(/\r\n\s+/g, ' ');

describe('parseArh', () => {
  it('reads a Gmail header: authserv-id, several dkim results, comments dropped', () => {
    const gmail = `mx.google.com;
       dkim=pass header.i=@amazon.co.jp header.s=rjt5x4t header.b=AbCd1234;
       dkim=pass header.i=@amazonses.com header.s=224i4yxa header.b=XyZ98765;
       spf=pass (google.com: domain of 0101@bounces.amazon.co.jp designates 54.240.8.1 as permitted sender) smtp.mailfrom=0101@bounces.amazon.co.jp;
       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=amazon.co.jp`;
    expect(parseArh(gmail)).toEqual({
      authservId: 'mx.google.com',
      results: [
        {
          method: 'dkim',
          result: 'pass',
          props: { 'header.i': '@amazon.co.jp', 'header.s': 'rjt5x4t', 'header.b': 'AbCd1234' },
        },
        {
          method: 'dkim',
          result: 'pass',
          props: { 'header.i': '@amazonses.com', 'header.s': '224i4yxa', 'header.b': 'XyZ98765' },
        },
        { method: 'spf', result: 'pass', props: { 'smtp.mailfrom': '0101@bounces.amazon.co.jp' } },
        { method: 'dmarc', result: 'pass', props: { 'header.from': 'amazon.co.jp' } },
      ],
    });
  });

  it('reads the builder’s Gmail header once unfolded', () => {
    expect(
      parseArh(value(gmailArh('amazon.co.jp', 'fail'))).results.map((r) => `${r.method}=${r.result}`),
    ).toEqual(['dkim=fail', 'spf=fail', 'dmarc=fail']);
  });

  it('reads a Microsoft header, which has no authserv-id', () => {
    const ms =
      'spf=pass (sender IP is 54.240.8.1) smtp.mailfrom=bounces.amazon.co.jp; dkim=pass (signature was verified) ' +
      'header.d=amazon.co.jp;dmarc=pass action=none header.from=amazon.co.jp;compauth=pass reason=100';
    expect(parseArh(ms)).toEqual({
      authservId: '',
      results: [
        { method: 'spf', result: 'pass', props: { 'smtp.mailfrom': 'bounces.amazon.co.jp' } },
        { method: 'dkim', result: 'pass', props: { 'header.d': 'amazon.co.jp' } },
        { method: 'dmarc', result: 'pass', props: { action: 'none', 'header.from': 'amazon.co.jp' } },
        { method: 'compauth', result: 'pass', props: { reason: '100' } },
      ],
    });
  });

  it('reads a Yahoo header: version number, a comment glued to the result, a trailing ";"', () => {
    const yahoo = `atlas206.free.mail.ne1.yahoo.com 1;
 dkim=pass header.i=@sonybank.jp header.s=selector1;
 spf=pass smtp.mailfrom=sonybank.jp arc_overridden_status=NOT_OVERRIDDEN;
 dmarc=pass(p=REJECT,sp=REJECT) header.from=sonybank.jp;`;
    expect(parseArh(yahoo)).toEqual({
      authservId: 'atlas206.free.mail.ne1.yahoo.com',
      results: [
        { method: 'dkim', result: 'pass', props: { 'header.i': '@sonybank.jp', 'header.s': 'selector1' } },
        {
          method: 'spf',
          result: 'pass',
          props: { 'smtp.mailfrom': 'sonybank.jp', arc_overridden_status: 'NOT_OVERRIDDEN' },
        },
        { method: 'dmarc', result: 'pass', props: { 'header.from': 'sonybank.jp' } },
      ],
    });
  });

  it('keeps quoted values whole, with the ";" and "(" inside them', () => {
    const q =
      'mx.google.com; dkim=pass header.i="@amazon.co.jp" header.s="s1;x" header.b="Ab (cd)"; ' +
      'spf=neutral (google.com: 1.2.3.4 is neither permitted nor denied; best guess) smtp.mailfrom="a@b.example"';
    expect(parseArh(q)).toEqual({
      authservId: 'mx.google.com',
      results: [
        {
          method: 'dkim',
          result: 'pass',
          props: { 'header.i': '@amazon.co.jp', 'header.s': 's1;x', 'header.b': 'Ab (cd)' },
        },
        { method: 'spf', result: 'neutral', props: { 'smtp.mailfrom': 'a@b.example' } },
      ],
    });
  });

  it('drops nested comments and comments holding quotes', () => {
    const c = 'mx.google.com; dkim=pass (2048-bit key (rsa); "unprotected) header.d=amazon.co.jp (x "y)';
    expect(parseArh(c).results).toEqual([
      { method: 'dkim', result: 'pass', props: { 'header.d': 'amazon.co.jp' } },
    ]);
  });

  it('lower-cases methods, results and property names but not property values', () => {
    expect(parseArh('MX.Google.COM; DKIM=Pass Header.I=@Amazon.co.jp').results).toEqual([
      { method: 'dkim', result: 'pass', props: { 'header.i': '@Amazon.co.jp' } },
    ]);
    expect(parseArh('MX.Google.COM; spf=pass smtp.mailfrom=a@b.example').authservId).toBe('mx.google.com');
  });

  it('drops a method version and allows spaces around "="', () => {
    expect(
      parseArh('mx.google.com; dkim/2=fail header.d=foo; dkim = pass header.d = amazon.co.jp').results,
    ).toEqual([
      { method: 'dkim', result: 'fail', props: { 'header.d': 'foo' } },
      { method: 'dkim', result: 'pass', props: { 'header.d': 'amazon.co.jp' } },
    ]);
  });

  it('keeps the first of a repeated property', () => {
    expect(
      parseArh('mx.google.com; dkim=pass header.d=a.example header.d=b.example').results[0]?.props,
    ).toEqual({
      'header.d': 'a.example',
    });
  });

  it.each([['mx.example.net; none'], ['mx.example.net 1; none'], ['mx.example.net']])(
    '%j has an authserv-id and no results',
    (header) => {
      expect(parseArh(header)).toEqual({ authservId: 'mx.example.net', results: [] });
    },
  );

  it.each([[''], [';;;'], ['   ']])('%j yields nothing and does not throw', (header) => {
    expect(parseArh(header)).toEqual({ authservId: '', results: [] });
  });

  it('reads a 200,000-character part without "=" (completes; once quadratic)', () => {
    expect(parseArh(`mx.google.com; ${'a'.repeat(200_000)}`)).toEqual({
      authservId: 'mx.google.com',
      results: [],
    });
  });
});

describe('isTrusted', () => {
  it.each([
    ['mx.google.com', true],
    ['MX.GOOGLE.COM', true],
    // Yahoo and AOL per-host ids as delivered
    ['atlas206.free.mail.ne1.yahoo.com', true],
    ['atlas-production.v2-mail-prod1-bf1.omega.yahoo.com', true],
    ['atlas101.aol.mail.bf1.yahoo.com', true],
    ['mta.yahoo.com', true],
    ['mx.yahoo.co.jp', true],
    ['dmarc.icloud.com', true],
    ['mx6.messagingengine.com', true],
    ['nam12.prod.protection.outlook.com', true],
    // look-alikes of trusted ids
    ['mx.google.com.evil.example', false],
    ['evil-mx.google.com', false],
    ['google.com', false],
    ['notyahoo.com', false],
    ['yahoo.com.evil.example', false],
    ['notyahoo.co.jp', false],
    ['xmessagingengine.com', false],
    ['outlook.com.evil.example', false],
    ['', false],
  ])('%j → %s', (id, trusted) => {
    expect(isTrusted(DEFAULT_TRUST, id)).toBe(trusted);
  });

  it('adds configured hosts, exactly and case-insensitively', () => {
    const policy: TrustPolicy = { patterns: [], hosts: ['IMAP.example.org'] };
    expect(isTrusted(policy, 'imap.example.org')).toBe(true);
    expect(isTrusted(policy, 'mx.imap.example.org')).toBe(false);
    expect(isTrusted(policy, 'mx.google.com')).toBe(false);
  });
});

describe('assessAuthenticity', () => {
  const AMAZON = { fromAddress: 'auto-confirm@amazon.co.jp', fromName: 'Amazon.co.jp', links: [] } as const;
  const assess = (input: Partial<AuthInput> & Pick<AuthInput, 'arh'>, trust?: TrustPolicy) => {
    const r = assessAuthenticity({ ...AMAZON, ...input }, trust);
    return { verdict: r.verdict, reason: r.reason, claim: r.claim?.type ?? null };
  };

  it('verifies an aligned dmarc=pass from a trusted server', () => {
    expect(assess({ arh: [value(gmailArh('amazon.co.jp'))] })).toEqual({
      verdict: 'verified',
      reason: 'dmarc=pass header.from=amazon.co.jp (mx.google.com)',
      claim: 'genuine-domain',
    });
  });

  it('verifies a subdomain sender by relaxed alignment', () => {
    expect(
      assess({
        fromAddress: 'gc-orders@gc.email.amazon.co.jp',
        arh: ['mx.google.com; dmarc=pass (p=QUARANTINE) header.from=gc.email.amazon.co.jp'],
      }),
    ).toEqual({
      verdict: 'verified',
      reason: 'dmarc=pass header.from=gc.email.amazon.co.jp (mx.google.com)',
      claim: 'genuine-domain',
    });
  });

  it('verifies an aligned dkim=pass when there is no dmarc result', () => {
    expect(
      assess({
        arh: [
          'mx.google.com; dkim=pass header.i=@amazon.co.jp header.s=x; spf=pass smtp.mailfrom=a@amazonses.com',
        ],
      }),
    ).toEqual({
      verdict: 'verified',
      reason: 'dkim=pass header.d=amazon.co.jp (mx.google.com)',
      claim: 'genuine-domain',
    });
  });

  it('picks the aligned one of several dkim results', () => {
    expect(
      assess({
        arh: [
          'mx.google.com; dkim=pass header.d=amazonses.com; dkim=fail header.d=amazon.co.jp; dkim=pass header.d=amazon.co.jp',
        ],
      }),
    ).toEqual({
      verdict: 'verified',
      reason: 'dkim=pass header.d=amazon.co.jp (mx.google.com)',
      claim: 'genuine-domain',
    });
  });

  it('verifies with a Yahoo header', () => {
    expect(
      assess({
        fromAddress: 'banking@sonybank.jp',
        fromName: 'ソニー銀行',
        arh: [
          'atlas-production.v2-mail-prod1-bf1.omega.yahoo.com; dkim=pass header.i=@sonybank.jp; dmarc=pass(p=REJECT) header.from=sonybank.jp;',
        ],
      }),
    ).toEqual({
      verdict: 'verified',
      reason: 'dmarc=pass header.from=sonybank.jp (atlas-production.v2-mail-prod1-bf1.omega.yahoo.com)',
      claim: 'genuine-domain',
    });
  });

  it('leaves a dkim=pass of another domain unverified', () => {
    expect(
      assess({
        arh: ['mx.google.com; dkim=pass header.i=@amazonses.com; spf=pass smtp.mailfrom=a@amazonses.com'],
      }),
    ).toEqual({
      verdict: 'unverified',
      reason: 'dkim=pass spf=pass, nothing aligned with amazon.co.jp (mx.google.com)',
      claim: 'genuine-domain',
    });
  });

  it('leaves a dmarc=pass for another header.from unverified', () => {
    expect(assess({ arh: ['mx.google.com; dmarc=pass header.from=evil.example'] })).toEqual({
      verdict: 'unverified',
      reason: 'dmarc=pass, nothing aligned with amazon.co.jp (mx.google.com)',
      claim: 'genuine-domain',
    });
  });

  it.each([['fail'], ['quarantine'], ['reject']])(
    'calls dmarc=%s suspicious, even with a dkim pass',
    (result) => {
      expect(
        assess({
          arh: [
            `mx.google.com; dkim=pass header.d=amazon.co.jp; spf=fail smtp.mailfrom=x@evil.example; dmarc=${result} header.from=amazon.co.jp`,
          ],
        }),
      ).toEqual({
        verdict: 'suspicious',
        reason: `dmarc=${result} header.from=amazon.co.jp (mx.google.com)`,
        claim: 'genuine-domain',
      });
    },
  );

  it('calls spf=fail without a dkim pass suspicious for a claimed vendor', () => {
    expect(
      assess({
        arh: ['mx.google.com; dkim=none; spf=fail (google.com: no) smtp.mailfrom=easmv@amazon.server.co.jp'],
      }),
    ).toEqual({
      verdict: 'suspicious',
      reason: 'spf=fail smtp.mailfrom=easmv@amazon.server.co.jp and no valid DKIM signature (mx.google.com)',
      claim: 'genuine-domain',
    });
  });

  it('calls spf=softfail with a failed dkim suspicious for a claimed vendor', () => {
    expect(
      assess({
        arh: ['mx.google.com; dkim=fail header.d=amazon.co.jp; spf=softfail smtp.mailfrom=x@evil.example'],
      }),
    ).toEqual({
      verdict: 'suspicious',
      reason: 'spf=softfail smtp.mailfrom=x@evil.example and no valid DKIM signature (mx.google.com)',
      claim: 'genuine-domain',
    });
  });

  it('leaves spf=fail of a sender that claims no vendor unverified', () => {
    expect(
      assess({
        fromAddress: 'news@example.com',
        fromName: 'Example News',
        arh: ['mx.google.com; spf=fail smtp.mailfrom=example.com'],
      }),
    ).toEqual({
      verdict: 'unverified',
      reason: 'spf=fail, nothing aligned with example.com (mx.google.com)',
      claim: null,
    });
  });

  it('is unverified without any Authentication-Results', () => {
    expect(assess({ arh: [] })).toEqual({
      verdict: 'unverified',
      reason: 'no Authentication-Results header',
      claim: 'genuine-domain',
    });
  });

  it('reads only the topmost header: a lower mx.google.com pass under an untrusted one is a forgery', () => {
    expect(
      assess({
        arh: [
          'mx.attacker.example; spf=pass smtp.mailfrom=x@attacker.example',
          value(gmailArh('amazon.co.jp')),
        ],
      }),
    ).toEqual({
      verdict: 'unverified',
      reason: 'topmost Authentication-Results is from mx.attacker.example, not a trusted server',
      claim: 'genuine-domain',
    });
  });

  it('reads only the topmost header: a lower forged pass does not outvote a trusted fail', () => {
    expect(
      assess({
        arh: [
          'mx.google.com; dkim=none; spf=fail smtp.mailfrom=x@evil.example; dmarc=fail header.from=amazon.co.jp',
          value(gmailArh('amazon.co.jp')),
        ],
      }).verdict,
    ).toBe('suspicious');
  });

  it('does not trust a Microsoft header, which names no server', () => {
    expect(
      assess({
        arh: [
          'spf=pass smtp.mailfrom=amazon.co.jp; dkim=pass header.d=amazon.co.jp; dmarc=pass header.from=amazon.co.jp',
        ],
      }),
    ).toEqual({
      verdict: 'unverified',
      reason: 'topmost Authentication-Results names no server',
      claim: 'genuine-domain',
    });
  });

  it('trusts the id-less Microsoft header when the mail comes from a Microsoft mailbox', () => {
    const arh = [
      'spf=pass smtp.mailfrom=amazon.co.jp; dkim=pass header.d=amazon.co.jp; dmarc=pass action=none header.from=amazon.co.jp',
    ];
    expect(assess({ arh }, { ...DEFAULT_TRUST, anonymous: true })).toEqual({
      verdict: 'verified',
      reason: 'dmarc=pass header.from=amazon.co.jp (the mailbox provider)',
      claim: 'genuine-domain',
    });
  });

  it("reads iCloud's one-header-per-check block as one verdict", () => {
    const arh = [
      'bimi.icloud.com; bimi=skipped reason="insufficient dmarc"',
      'dmarc.icloud.com; dmarc=pass header.from=amazon.co.jp',
      'dkim-verifier.icloud.com; dkim=pass header.d=amazon.co.jp header.i=@amazon.co.jp',
    ];
    expect(assess({ arh })).toEqual({
      verdict: 'verified',
      reason: 'dmarc=pass header.from=amazon.co.jp (bimi.icloud.com)',
      claim: 'genuine-domain',
    });
  });

  it('stops the block at the first header another organisation wrote (a forged lower header)', () => {
    const arh = [
      'bimi.icloud.com; bimi=skipped',
      'mx.google.com; dmarc=pass header.from=amazon.co.jp',
      'dmarc.icloud.com; dmarc=pass header.from=amazon.co.jp',
    ];
    expect(assess({ arh }).verdict).toBe('unverified');
  });

  it('trusts an extra host given in the policy (a configured IMAP server)', () => {
    const arh = ['imap.example.org; dmarc=pass header.from=amazon.co.jp'];
    const policy: TrustPolicy = { patterns: DEFAULT_TRUST.patterns, hosts: ['imap.example.org'] };
    expect(assess({ arh }, policy)).toEqual({
      verdict: 'verified',
      reason: 'dmarc=pass header.from=amazon.co.jp (imap.example.org)',
      claim: 'genuine-domain',
    });
    expect(assess({ arh })).toEqual({
      verdict: 'unverified',
      reason: 'topmost Authentication-Results is from imap.example.org, not a trusted server',
      claim: 'genuine-domain',
    });
  });

  it('calls a genuine sender with a link to a lookalike host suspicious, before reading any header', () => {
    expect(
      assess({
        arh: [value(gmailArh('amazon.co.jp'))],
        links: ['https://www.amazon.co.jp/x', 'https://www.amazon.co.jp.abc123.info/signin.php'],
      }),
    ).toEqual({
      verdict: 'suspicious',
      reason: 'a link goes to www.amazon.co.jp.abc123.info, which imitates amazon.co.jp',
      claim: 'genuine-domain',
    });
  });

  it('accepts the vendor’s own, infrastructure and unparseable links', () => {
    expect(
      assess({
        arh: [value(gmailArh('amazon.co.jp'))],
        links: [
          'https://www.amazon.co.jp/gp/css/order-details?orderID=250-1111111-1111111',
          'https://www.amazon.co.jp./a/c/r/x',
          'https://m.media-amazon.com/images/G/09/x.png',
          'mailto:cs-reply@amazon.co.jp',
          'not a url',
        ],
      }).verdict,
    ).toBe('verified');
  });

  it('ignores a link that imitates another vendor', () => {
    expect(
      assess({ arh: [value(gmailArh('amazon.co.jp'))], links: ['https://rakuten-bank.co.jp.evil.net/'] })
        .verdict,
    ).toBe('verified');
  });

  it('calls a lookalike sender suspicious even when its own domain passes', () => {
    expect(
      assess({
        fromAddress: 'x@amaz0n-secure.com',
        fromName: 'Amazon',
        arh: ['mx.google.com; dmarc=pass header.from=amaz0n-secure.com'],
      }),
    ).toEqual({
      verdict: 'suspicious',
      reason: 'sender domain amaz0n-secure.com imitates amazon.co.jp',
      claim: 'lookalike-domain',
    });
  });

  it('calls a brand display name over a foreign address suspicious', () => {
    expect(
      assess({
        fromAddress: 'x@service.fivvi.cn',
        fromName: 'Amazon.co.jp',
        arh: ['mx.google.com; dmarc=pass header.from=service.fivvi.cn'],
      }),
    ).toEqual({
      verdict: 'suspicious',
      reason: 'display name "Amazon.co.jp" claims amazon.co.jp but the address is x@service.fivvi.cn',
      claim: 'display-name',
    });
  });

  it('leaves a pass for a sender that is not a watched vendor unverified, and says why', () => {
    expect(
      assess({
        fromAddress: 'news@example.com',
        fromName: 'Example News',
        arh: ['mx.google.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com'],
      }),
    ).toEqual({
      verdict: 'unverified',
      reason: 'dmarc=pass header.from=example.com (mx.google.com), but example.com is not a watched sender',
      claim: null,
    });
  });

  it('leaves a dkim pass for a sender that is not a watched vendor unverified, and says why', () => {
    expect(
      assess({
        fromAddress: 'a@b.example.co.jp',
        fromName: '',
        arh: ['mx.google.com; dkim=pass header.d=example.co.jp'],
      }),
    ).toEqual({
      verdict: 'unverified',
      reason: 'dkim=pass header.d=example.co.jp (mx.google.com), but b.example.co.jp is not a watched sender',
      claim: null,
    });
  });

  it('reports what it saw when nothing decides', () => {
    expect(
      assess({ arh: ['mx.google.com; dmarc=temperror header.from=amazon.co.jp; spf=pass smtp.mailfrom=x'] }),
    ).toEqual({
      verdict: 'unverified',
      reason: 'dmarc=temperror spf=pass, nothing aligned with amazon.co.jp (mx.google.com)',
      claim: 'genuine-domain',
    });
    expect(assess({ arh: ['mx.google.com; none'] })).toEqual({
      verdict: 'unverified',
      reason: 'no results, nothing aligned with amazon.co.jp (mx.google.com)',
      claim: 'genuine-domain',
    });
  });
});
