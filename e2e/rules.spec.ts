/**
 * User rules through the window: a rule for a bank Mimamori does not know, written in plain words, tried on a
 * sample mail and on the mail already in a real IMAP mailbox (Dovecot, electron/core/testing/dovecot.ts), saved,
 * and then recognising new mail; the rules file exported from one data directory and imported into another; the
 * core's validation messages next to the form; and the screen in Japanese.
 *
 * Sample mails are written at test time with buildMail into the test's own output directory.
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDovecot, type Dovecot } from '../electron/core/testing/dovecot';
import { buildMail, gmailArh } from '../electron/core/testing/mailbuilder';
import { expect, startShell, stopShell, test } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { RulesPage, type RuleFields } from './pages/RulesPage';
import { TimelinePage } from './pages/TimelinePage';

const RULE: RuleFields = {
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

/** A card notice from the credit union, as its mails look: "When:", "Where:" and "Amount:" lines. */
function notice(opts: { amount: string; merchant: string; id: string; subject?: string }): Buffer {
  return buildMail({
    headers: [gmailArh('mycu.example')],
    from: 'My CU <alerts@mycu.example>',
    subject: opts.subject ?? 'Card used: purchase approved',
    date: 'Mon, 06 Jul 2026 10:00:00 -0500',
    messageId: `${opts.id}@mycu.example`,
    text: `Your card ending 1234 was used.\nWhen: 07/06/2026 09:58 AM\nWhere: ${opts.merchant}\nAmount: ${opts.amount}\n`,
  });
}

function writeMail(file: string, mail: Buffer): string {
  writeFileSync(file, mail);
  return file;
}

test('user rules work end to end: tried on a sample, saved, then recognising imported mail', async ({
  page,
  shell,
}, testInfo) => {
  const sample = writeMail(
    testInfo.outputPath('sample.eml'),
    notice({ amount: '$42.10', merchant: 'CORNER STORE #12', id: 'sample' }),
  );
  const timeline = new TimelinePage(page);
  const rules = new RulesPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await rules.open();
  await expect(rules.empty).toBeVisible();
  await rules.startAdd();
  await rules.fill(RULE);
  // Saving is always possible, but until a test matched, the form gently suggests one.
  await expect(rules.untested).toContainText('Not tested yet');

  await rules.chooseSamples([sample]);
  const result = await rules.test();
  await expect(result).toHaveAttribute('role', 'status');
  await expect(result.getByTestId('rule-test-summary')).toHaveText('Tried the rule on 1 mails: 1 matched.');
  const mail = rules.mail('Card used: purchase approved');
  await expect(mail).toHaveAttribute('data-matched', 'true');
  await expect(mail.getByTestId('rule-test-match')).toHaveText('Matched');
  await expect(mail.getByTestId('rule-test-from')).toHaveText('alerts@mycu.example');
  await expect(mail.getByTestId('rule-test-kind')).toHaveText('Card or bank charge');
  await expect(mail.getByTestId('rule-test-amount')).toHaveText('$42.10');
  await expect(mail.getByTestId('rule-test-merchant')).toHaveText('CORNER STORE #12');
  await expect(mail.getByTestId('rule-test-time')).toHaveText('2026-07-06 09:58');
  await expect(mail.getByTestId('rule-test-verdict')).toHaveText('genuine');
  await expect(rules.untested).toBeHidden();
  // A change that decides what the rule reads makes the reminder come back; its name does not.
  await rules.fill({ subjectContains: 'Card used!' });
  await expect(rules.untested).toContainText('You changed the rule since its last test');
  await expect(result).toHaveAttribute('data-stale', 'true');
  await rules.fill({ subjectContains: 'Card used', name: 'My credit union' });
  await expect(rules.untested).toBeHidden();

  await rules.save();
  await expect(rules.form).toBeHidden();
  await expect(rules.notice).toContainText('Added the rule My credit union');
  const saved = rules.rule('My credit union');
  await expect(saved.getByTestId('rule-sender')).toHaveText('alerts@mycu.example');
  await expect(saved.getByTestId('rule-kind')).toHaveText('Card or bank charge');
  await expect(saved.getByTestId('rule-labels')).toContainText('Amount');
  await expect(saved.getByTestId('rule-labels')).toContainText('Where');
  await expect(saved.getByTestId('rule-settings')).toHaveText('USD · America/Chicago');

  // A second mail from that sender, imported through the header's import: the rule reads it onto the timeline.
  const second = writeMail(
    testInfo.outputPath('second.eml'),
    notice({ amount: '$7.50', merchant: 'BAKERY ON MAIN', id: 'second' }),
  );
  expect(await timeline.importFiles([second])).toContain('Imported 1 mails: 1 signals');
  await page.getByTestId('nav-timeline').click();
  const charge = timeline.event('payment.charge');
  await expect(charge).toHaveCount(1);
  await expect(charge.getByTestId('event-amount')).toHaveText('$7.50');
  await expect(charge).toContainText('BAKERY ON MAIN');
});

test.describe('against a real IMAP mailbox', () => {
  test.skip(
    !process.env.MIMAMORI_KEYRING_READY,
    'needs the private keyring of scripts/with-keyring.sh (npm test); it would touch your real keychain otherwise',
  );

  const user = 'e2e-rules';
  const secret = `${user}-${randomBytes(8).toString('hex')}`;
  let dovecot: Dovecot;

  test.beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ user, password: secret }] });
    dovecot.writeToMaildir(user, 'INBOX', [
      notice({ amount: '$42.10', merchant: 'CORNER STORE #12', id: 'imap-1' }),
      notice({
        amount: '$1,234.00',
        merchant: 'STATEMENT',
        id: 'imap-2',
        subject: 'Your monthly statement is ready',
      }),
    ]);
  });

  test.afterAll(async () => {
    await dovecot?.stop();
  });

  test('a draft rule is tried on the mail already in the mailbox, without a sample', async ({
    page,
    shell,
  }) => {
    const timeline = new TimelinePage(page);
    const accounts = new AccountsPage(page);
    const rules = new RulesPage(page);
    await timeline.open(shell.url);
    await timeline.setLocale('en');
    await accounts.open();
    await accounts.addTrusted({
      label: 'Credit union mail',
      port: dovecot.ports.imaps,
      user,
      password: secret,
      fingerprint: new X509Certificate(dovecot.caCert).fingerprint256,
    });

    await rules.open();
    await rules.startAdd();
    await rules.fill(RULE);
    const result = await rules.test();
    await expect(result.getByTestId('rule-test-summary')).toHaveText('Tried the rule on 2 mails: 1 matched.');
    await expect(rules.mails).toHaveCount(2);
    const matched = rules.mail('Card used: purchase approved');
    await expect(matched).toHaveAttribute('data-matched', 'true');
    await expect(matched.getByTestId('rule-test-amount')).toHaveText('$42.10');
    await expect(matched.getByTestId('rule-test-merchant')).toHaveText('CORNER STORE #12');
    await expect(matched).toContainText(`${user}@127.0.0.1/INBOX/`);
    const other = rules.mail('Your monthly statement is ready');
    await expect(other).toHaveAttribute('data-matched', 'false');
    await expect(other.getByTestId('rule-test-match')).toHaveText('Not matched');
    await expect(other.getByTestId('rule-test-amount')).toHaveCount(0);
    await expect(other).toContainText('The rule read nothing from this mail');
  });
});

test('rules exported from one data directory import into a fresh one', async ({ page, shell }, testInfo) => {
  const timeline = new TimelinePage(page);
  const rules = new RulesPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await rules.open();
  await expect(page.getByRole('button', { name: 'Export rules' })).toBeDisabled();
  await rules.startAdd();
  await rules.fill(RULE);
  await rules.save();
  await expect(rules.rule('My credit union')).toHaveCount(1);

  const download = await rules.export();
  expect(download.suggestedFilename()).toBe('mimamori-rules.json');
  const file = testInfo.outputPath('mimamori-rules.json');
  await download.saveAs(file);
  await expect(rules.notice).toContainText('Exported 1 rules to mimamori-rules.json');
  const exported = JSON.parse(readFileSync(file, 'utf8')) as {
    format: string;
    version: number;
    rules: { name: string; sender: string; id?: string }[];
  };
  expect(exported).toMatchObject({
    format: 'mimamori-rules',
    version: 1,
    rules: [{ name: 'My credit union', sender: 'alerts@mycu.example', currency: 'USD' }],
  });
  expect(exported.rules[0]).not.toHaveProperty('id');

  // A second shell on its own data directory, as on another computer.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-e2e-'));
  const other = await startShell(dir);
  try {
    await timeline.open(other.url);
    await timeline.setLocale('en');
    await rules.open();
    await expect(rules.empty).toBeVisible();
    expect(await rules.importFile(file)).toBe('Imported 1 rule.');
    const imported = rules.rule('My credit union');
    await expect(imported).toHaveCount(1);
    await expect(imported.getByTestId('rule-sender')).toHaveText('alerts@mycu.example');
    await expect(imported.getByTestId('rule-settings')).toHaveText('USD · America/Chicago');
    // The same file again adds nothing.
    expect(await rules.importFile(file)).toContain('Imported 0 rules');
    await expect(rules.rules).toHaveCount(1);
  } finally {
    await stopShell(other);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a rule can be edited, and deleted after a confirmation', async ({ page, shell }) => {
  const timeline = new TimelinePage(page);
  const rules = new RulesPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await rules.open();
  await rules.startAdd();
  await rules.fill(RULE);
  await rules.save();
  const rule = rules.rule('My credit union');
  await rules.edit(rule);
  await expect(rules.form.getByLabel('Sender', { exact: true })).toHaveValue('alerts@mycu.example');
  await expect(rules.form.getByLabel('Amount labels')).toHaveValue('Amount');
  await expect(rules.form.getByLabel('Currency')).toHaveValue('USD');
  await rules.fill({ name: 'Credit union card', merchantLabels: ['Where', 'Merchant'] });
  await rules.save();
  await expect(rules.notice).toContainText('Saved the rule Credit union card');
  const renamed = rules.rule('Credit union card');
  await expect(renamed.getByTestId('rule-labels')).toContainText('Merchant');
  await expect(rules.rules).toHaveCount(1);

  await renamed.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(renamed.getByRole('group')).toContainText(
    'Mail it has already recognised stays on the timeline',
  );
  await renamed.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(rules.rules).toHaveCount(1);
  await rules.delete(renamed);
  await expect(rules.rules).toHaveCount(0);
  await expect(rules.notice).toContainText('Deleted the rule Credit union card');
  await expect(rules.empty).toBeVisible();
});

test("the core's validation messages appear next to the form, in plain words", async ({ page, shell }) => {
  const timeline = new TimelinePage(page);
  const rules = new RulesPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await rules.open();
  await rules.startAdd();
  await rules.fill({ ...RULE, timeZone: 'Mars/Olympus' });
  await rules.save();
  await expect(rules.error).toHaveAttribute('role', 'alert');
  await expect(rules.error).toContainText(
    'unknown time zone Mars/Olympus: use an IANA name such as Asia/Tokyo or America/New_York',
  );
  await expect(rules.form.getByLabel('Time zone')).toHaveAttribute('aria-invalid', 'true');
  await expect(rules.form).toBeVisible();

  await rules.fill({ timeZone: 'America/Chicago', amountLabels: [] });
  await rules.save();
  await expect(rules.error).toContainText(
    'Amount labels: a charge or refund rule needs at least one amount label',
  );
  await expect(rules.error).not.toContainText('time zone');
  await expect(rules.form.getByLabel('Amount labels')).toHaveAttribute('aria-invalid', 'true');
  await expect(rules.form.getByLabel('Time zone')).not.toHaveAttribute('aria-invalid', 'true');
  // Nothing was saved.
  await rules.form.getByRole('button', { name: 'Cancel' }).click();
  await expect(rules.empty).toBeVisible();
});

test('the rules screen speaks Japanese too', async ({ page, shell }) => {
  const timeline = new TimelinePage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('ja');
  await page.getByRole('button', { name: 'ルール', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: '銀行・お店のルール' })).toBeVisible();
  await page.getByRole('button', { name: 'ルールを追加' }).click();
  const form = page.getByTestId('rule-form');
  await expect(form.getByRole('button', { name: 'メールで試す' })).toBeVisible();
  await expect(form.getByLabel('メールの内容').locator('option:checked')).toHaveText('カード・口座の利用');
  await expect(form.getByLabel('送信元', { exact: true })).toHaveAccessibleDescription(
    /alerts@mybank\.example または mybank\.example/,
  );
  await timeline.setLocale('en');
  await expect(form.getByRole('button', { name: 'Test on my mail' })).toBeVisible();
});
