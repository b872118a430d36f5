import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserRuleSchema, type UserRuleInput } from '../../../shared/userRules';
import { Core } from '../app';
import { NO_LOG } from '../log';
import { parseMail } from '../parse/mime';
import { buildMail, gmailArh } from '../testing/mailbuilder';
import { recognise } from './engine';
import { compileUserRule } from './userRules';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function core(): Core {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-userrules-'));
  dirs.push(dir);
  return new Core({
    dataDir: dir,
    version: 't',
    alerts: false,
    log: NO_LOG,
    dkim: false,
    platform: { shell: 'headless', systemLocale: () => 'en' },
  });
}

const RULE: UserRuleInput = {
  name: 'My credit union',
  sender: 'alerts@mycu.example',
  subjectContains: 'Card used',
  kind: 'payment.charge',
  amountLabels: ['Amount'],
  merchantLabels: ['Where'],
  dateLabels: ['When'],
  currency: 'USD',
  timeZone: 'America/Chicago',
};

const notice = (amount: string, id: string): Buffer =>
  buildMail({
    headers: [gmailArh('mycu.example')],
    from: 'My CU <alerts@mycu.example>',
    subject: 'Card used: purchase approved',
    date: 'Mon, 06 Jul 2026 10:00:00 -0500',
    messageId: id,
    text: `Your card ending 1234 was used.\nWhen: 07/06/2026 09:58 AM\nWhere: CORNER STORE #12\nAmount: ${amount}\n`,
  });
const b64 = (b: Buffer): string => b.toString('base64');

describe('user rules', () => {
  it('tries a rule on a sample before saving, then recognises new mail with it', async () => {
    const c = core();
    const tried = await c.handle('rules.test', {
      rule: RULE,
      samples: [{ name: 'sample.eml', base64: b64(notice('$42.10', 'a@mycu.example')) }],
    });
    expect(tried).toEqual({
      ok: true,
      value: {
        note: null,
        mails: [
          {
            source: 'sample.eml',
            from: 'alerts@mycu.example',
            subject: 'Card used: purchase approved',
            date: '2026-07-06T10:00:00-05:00',
            matched: true,
            signals: [
              {
                kind: 'payment.charge',
                amount: { currency: 'USD', minor: 4210 },
                merchant: 'CORNER STORE #12',
                occurredAt: '2026-07-06T09:58:00-05:00',
                verdict: 'verified',
              },
            ],
          },
        ],
      },
    });
    expect(c.repo.countSignals()).toBe(0);

    const saved = await c.handle('rules.save', { rule: RULE });
    expect(saved).toMatchObject({ ok: true, value: { id: '1', name: 'My credit union' } });
    await c.importMessages(
      (async function* () {
        yield { raw: notice('$7.50', 'b@mycu.example'), source: 'x' };
      })(),
    );
    expect(c.repo.allSignals().map((s) => [s.ruleId, s.vendor, s.amount?.minor])).toEqual([
      ['user:1', 'mycu.example', 750],
    ]);
    await c.close();
  });

  it('refuses what cannot work, in plain words', async () => {
    const c = core();
    expect(await c.handle('rules.save', { rule: { ...RULE, timeZone: 'Mars/Olympus' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringMatching(/unknown time zone Mars\/Olympus/) },
    });
    expect(await c.handle('rules.save', { rule: { ...RULE, amountLabels: [] } })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/needs at least one amount label/) },
    });
    expect(await c.handle('rules.save', { rule: { ...RULE, sender: 'not a sender' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    // Labels are text, never patterns: a "regex bomb" is just an odd label.
    expect(await c.handle('rules.save', { rule: { ...RULE, amountLabels: ['(a+)+$'] } })).toMatchObject({
      ok: true,
    });
    await c.close();
  });

  it('exports to a file and imports it elsewhere, without duplicates', async () => {
    const a = core();
    await a.handle('rules.save', { rule: RULE });
    await a.handle('rules.save', {
      rule: { ...RULE, name: 'Refunds', kind: 'payment.refund', subjectContains: 'Refund' },
    });
    const exported = (await a.handle('rules.export', {})) as { ok: true; value: { file: string } };
    expect(JSON.parse(exported.value.file)).toMatchObject({
      format: 'mimamori-rules',
      version: 1,
      rules: [{ name: 'My credit union' }, { name: 'Refunds' }],
    });
    const b = core();
    expect(await b.handle('rules.import', { file: exported.value.file })).toEqual({
      ok: true,
      value: { imported: 2 },
    });
    expect(await b.handle('rules.import', { file: exported.value.file })).toEqual({
      ok: true,
      value: { imported: 0 },
    });
    expect(await b.handle('rules.import', { file: '{"format":"other"}' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^not a Mimamori rules file/) },
    });
    expect(await b.handle('rules.delete', { id: '1' })).toEqual({ ok: true, value: null });
    expect(((await b.handle('rules.list', {})) as { value: unknown[] }).value).toHaveLength(1);
    await a.close();
    await b.close();
  });
});

describe('compileUserRule', () => {
  it('matches the subject text as the engine reads the subject, runs of blanks as one', async () => {
    const compiled = compileUserRule({
      ...UserRuleSchema.parse({ ...RULE, subjectContains: 'Card  used' }),
      id: '1',
    });
    const r = recognise(await parseMail(notice('$12.00', '<a@mycu.example>')), [compiled.rule], {
      fallbackTime: '2000-01-01T00:00:00+00:00',
      identities: [compiled.identity],
    });
    expect(r.signals).toEqual([
      expect.objectContaining({ ruleId: 'user:1', amount: { currency: 'USD', minor: 1200 } }),
    ]);
  });
});
