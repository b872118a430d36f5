import path from 'node:path';
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export interface RuleFields {
  name?: string;
  sender?: string;
  subjectContains?: string;
  /** A USER_RULE_KINDS value, e.g. "payment.charge". */
  kind?: string;
  amountLabels?: string[];
  merchantLabels?: string[];
  dateLabels?: string[];
  currency?: string;
  timeZone?: string;
}

/** The rules screen: the user's own rules, the form to write and try one, export and import. */
export class RulesPage {
  readonly rules: Locator;
  readonly form: Locator;
  readonly result: Locator;
  readonly mails: Locator;
  readonly error: Locator;
  readonly notice: Locator;
  readonly empty: Locator;
  readonly untested: Locator;

  constructor(readonly page: Page) {
    this.rules = page.getByTestId('rule');
    this.form = page.getByTestId('rule-form');
    this.result = page.getByTestId('rule-test-result');
    this.mails = page.getByTestId('rule-test-mail');
    this.error = page.getByTestId('rule-error');
    this.notice = page.getByTestId('rules-notice');
    this.empty = page.getByTestId('rules-empty');
    this.untested = page.getByTestId('rule-untested');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-rules').click();
    await expect(
      this.page.getByRole('heading', { level: 2, name: 'Rules for your bank and shops' }),
    ).toBeVisible();
  }

  async startAdd(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add rule' }).click();
    await expect(this.form).toBeVisible();
  }

  /** Fills the form by its labels, as a person would; labels go one per line. */
  async fill(fields: RuleFields): Promise<void> {
    const f = this.form;
    if (fields.name !== undefined) await f.getByLabel('Name', { exact: true }).fill(fields.name);
    if (fields.sender !== undefined) await f.getByLabel('Sender', { exact: true }).fill(fields.sender);
    if (fields.subjectContains !== undefined)
      await f.getByLabel('Subject contains', { exact: true }).fill(fields.subjectContains);
    if (fields.kind !== undefined) await f.getByLabel('What the mail announces').selectOption(fields.kind);
    if (fields.amountLabels !== undefined)
      await f.getByLabel('Amount labels').fill(fields.amountLabels.join('\n'));
    if (fields.merchantLabels !== undefined)
      await f.getByLabel('Merchant labels').fill(fields.merchantLabels.join('\n'));
    if (fields.dateLabels !== undefined) await f.getByLabel('Date labels').fill(fields.dateLabels.join('\n'));
    if (fields.currency !== undefined) await f.getByLabel('Currency').selectOption(fields.currency);
    if (fields.timeZone !== undefined) await f.getByLabel('Time zone').fill(fields.timeZone);
  }

  async chooseSamples(files: string[]): Promise<void> {
    await this.form.getByLabel('Sample mails (optional)').setInputFiles(files.map((p) => path.resolve(p)));
    await expect(this.form).toContainText(`Samples chosen: ${files.length}.`);
  }

  /** "Test on my mail", then waits for the outcome (a result or an error). */
  async test(): Promise<Locator> {
    await this.form.getByRole('button', { name: 'Test on my mail' }).click();
    await expect(this.result.or(this.error)).toBeVisible({ timeout: 30_000 });
    return this.result;
  }

  mail(subject: string): Locator {
    return this.mails.filter({
      has: this.page.getByTestId('rule-test-subject').getByText(subject, { exact: true }),
    });
  }

  async save(): Promise<void> {
    await this.form.getByRole('button', { name: 'Save', exact: true }).click();
  }

  rule(name: string): Locator {
    return this.rules.filter({
      has: this.page.getByTestId('rule-name').getByText(name, { exact: true }),
    });
  }

  async edit(rule: Locator): Promise<void> {
    await rule.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect(this.form).toBeVisible();
  }

  async delete(rule: Locator): Promise<void> {
    await rule.getByRole('button', { name: 'Delete', exact: true }).click();
    await rule.getByRole('button', { name: 'Delete rule', exact: true }).click();
  }

  /** "Export rules": the download the window hands over. */
  async export(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Export rules' }).click();
    return download;
  }

  async importFile(file: string): Promise<string> {
    await this.page.getByTestId('rules-import-input').setInputFiles(path.resolve(file));
    await expect(this.notice.or(this.page.getByTestId('rules-error'))).toBeVisible();
    return (await this.notice.or(this.page.getByTestId('rules-error')).textContent()) ?? '';
  }
}
