import { expect, type Locator, type Page } from '@playwright/test';
import type { TlsMode } from '../../shared/accounts';

export interface AccountFields {
  preset?: string;
  label?: string;
  host?: string;
  port?: number;
  tls?: TlsMode;
  user?: string;
  password?: string;
}

const TLS_OPTION: Record<TlsMode, RegExp> = {
  implicit: /^TLS \(implicit/,
  starttls: /^STARTTLS/,
  none: /^None/,
};

/** The accounts screen: the list of accounts with their live status, and the add/edit form. */
export class AccountsPage {
  readonly accounts: Locator;
  readonly form: Locator;
  readonly result: Locator;
  readonly notice: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.accounts = page.getByTestId('account');
    this.form = page.getByTestId('account-form');
    this.result = page.getByTestId('connection-result');
    this.notice = page.getByTestId('accounts-notice');
    this.empty = page.getByTestId('accounts-empty');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-accounts').click();
    await expect(this.page.getByRole('heading', { level: 2, name: 'Mail accounts' })).toBeVisible();
  }

  async openTimeline(): Promise<void> {
    await this.page.getByTestId('nav-timeline').click();
  }

  async startAdd(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add account' }).click();
    await expect(this.form).toBeVisible();
  }

  /** Fills the form in the order a person would: preset first (it sets host, port and TLS), then the rest. */
  async fill(fields: AccountFields): Promise<void> {
    const f = this.form;
    if (fields.preset !== undefined) await f.getByLabel('Provider').selectOption({ label: fields.preset });
    if (fields.label !== undefined) await f.getByLabel('Name (optional)').fill(fields.label);
    if (fields.host !== undefined) await f.getByLabel('IMAP server').fill(fields.host);
    if (fields.tls !== undefined) {
      const select = f.getByLabel('Security', { exact: true });
      const options = await select.locator('option').allTextContents();
      const label = options.find((o) => TLS_OPTION[fields.tls as TlsMode].test(o));
      await select.selectOption({ label: label ?? '' });
    }
    if (fields.port !== undefined) await f.getByLabel('Port').fill(String(fields.port));
    if (fields.user !== undefined) await f.getByLabel('User name').fill(fields.user);
    if (fields.password !== undefined) await f.getByLabel('Password').fill(fields.password);
  }

  async testConnection(): Promise<Locator> {
    await this.form.getByRole('button', { name: 'Test connection' }).click();
    await expect(this.result).toBeVisible({ timeout: 30_000 });
    return this.result;
  }

  async save(): Promise<void> {
    await this.form.getByRole('button', { name: 'Save' }).click();
  }

  trustCheckbox(): Locator {
    return this.form.getByRole('checkbox', { name: /I trust this certificate/ });
  }

  account(label: string): Locator {
    return this.accounts.filter({
      has: this.page.getByTestId('account-label').getByText(label, { exact: true }),
    });
  }

  async waitForState(account: Locator, state: string, timeout = 30_000): Promise<void> {
    await expect(account).toHaveAttribute('data-state', state, { timeout });
  }

  async edit(account: Locator): Promise<void> {
    await account.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect(this.form).toBeVisible();
  }

  folder(path: string): Locator {
    return this.form.getByRole('checkbox', { name: new RegExp(`^${path}\\b`) });
  }

  /**
   * Adds an account on a loopback server with a self-signed certificate, as a person would: fill the form
   * (implicit TLS on 127.0.0.1), test the connection, see it refused as untrusted with the server's fingerprint
   * shown (it must be `fingerprint`, the one the caller read from the certificate itself), trust it, save, and
   * wait until the account is watching (IDLE). Returns the account's row.
   */
  async addTrusted(a: {
    label: string;
    port: number;
    user: string;
    password: string;
    fingerprint: string;
  }): Promise<Locator> {
    await this.startAdd();
    await this.fill({
      preset: 'Other IMAP server',
      label: a.label,
      host: '127.0.0.1',
      tls: 'implicit',
      port: a.port,
      user: a.user,
      password: a.password,
    });
    const result = await this.testConnection();
    await expect(result).toHaveAttribute('data-failure', 'untrusted-certificate');
    await expect(result.getByTestId('fingerprint')).toHaveText(a.fingerprint);
    const trust = this.trustCheckbox();
    await expect(trust).toHaveAccessibleName(`I trust this certificate (fingerprint ${a.fingerprint})`);
    await trust.check();
    await this.save();
    await expect(this.form).toBeHidden({ timeout: 30_000 });
    const account = this.account(a.label);
    await this.waitForState(account, 'idle');
    return account;
  }

  /** Removes an account through its confirmation, checking that the confirmation warns about the keychain. */
  async remove(account: Locator): Promise<void> {
    await account.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(account.getByRole('group')).toContainText('deletes its password from the system keychain');
    await account.getByRole('button', { name: 'Remove account', exact: true }).click();
  }
}
