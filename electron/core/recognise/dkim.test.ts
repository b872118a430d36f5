/**
 * Local DKIM with real signatures: mailauth signs with a key made here, and the test resolver publishes its
 * public half, so nothing depends on the network.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { prepareMail } from '../pipeline';
import { buildMail } from '../testing/mailbuilder';
import { createDkimChecker, type TxtResolver } from './dkim';
import { DEFAULT_TRUST } from './authenticity';
import { BUILT_IN_RULES } from './rules';

const { dkimSign } = createRequire(import.meta.url)('mailauth/lib/dkim/sign') as {
  dkimSign(
    input: Buffer,
    o: { signatureData: { signingDomain: string; selector: string; privateKey: string }[] },
  ): Promise<{ signatures: string; errors: unknown[] }>;
};

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pub = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const priv = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const resolver: TxtResolver = async (name) => {
  if (name === 's1._domainkey.amazon.co.jp') return [[`v=DKIM1; k=rsa; p=${pub}`]];
  throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
};

const purchase = buildMail({
  from: '"Amazon.co.jp" <auto-confirm@amazon.co.jp>',
  subject: 'Amazon.co.jp ご注文の確認',
  date: 'Tue, 21 Apr 2026 10:02:11 +0900',
  messageId: 'dkim-1@amazon.co.jp',
  text: 'ギフトカードの送信先\nx@example.net\n注文合計： ￥3,000\n',
});

async function signed(domain: string, body = purchase): Promise<Buffer> {
  const r = await dkimSign(body, {
    signatureData: [{ signingDomain: domain, selector: 's1', privateKey: priv }],
  });
  return Buffer.concat([Buffer.from(r.signatures), body]);
}

const ctx = (): Parameters<typeof prepareMail>[2] => ({
  rules: BUILT_IN_RULES,
  trust: DEFAULT_TRUST,
  nowIso: '2026-06-01T00:00:00+00:00',
  dkim: createDkimChecker(resolver),
});

describe('local DKIM', () => {
  it('verifies a mail its own domain signed, when no provider vouched for it', async () => {
    const p = await prepareMail(await signed('amazon.co.jp'), 'x', ctx());
    expect(p.signals[0]?.authenticity).toEqual({
      verdict: 'verified',
      reason: 'dkim=pass header.d=amazon.co.jp (verified locally)',
    });
  });

  it('does not verify a mail changed after signing', async () => {
    // A phisher who keeps the genuine signature but edits the body: the body hash no longer matches.
    const tampered = Buffer.concat([await signed('amazon.co.jp'), Buffer.from('44CQ5aSJ5pu044CR\r\n')]);
    const p = await prepareMail(tampered, 'x', ctx());
    expect(p.signals[0]?.authenticity.verdict).toBe('unverified');
  });

  it('does not verify a signature whose key cannot be found', async () => {
    const p = await prepareMail(await signed('other.example'), 'x', ctx());
    expect(p.signals[0]?.authenticity.verdict).toBe('unverified');
  });

  it('leaves an unsigned mail as it was', async () => {
    const p = await prepareMail(purchase, 'x', ctx());
    expect(p.signals[0]?.authenticity).toEqual({
      verdict: 'unverified',
      reason: 'no Authentication-Results header',
    });
  });
});
