import { expect, type Locator, type Page } from '@playwright/test';

export interface ServiceFields {
  /** The service's name as the select shows it ("Steam"); only when adding. */
  service?: string;
  periodDays?: number | null;
  /** YYYY-MM-DD, or '' to clear. */
  lastChanged?: string;
}

/** The Passwords screen: watched services with their last change, policy and due state, and the rotation. */
export class PasswordsPage {
  readonly services: Locator;
  readonly form: Locator;
  readonly notice: Locator;
  readonly empty: Locator;
  readonly navCount: Locator;

  constructor(readonly page: Page) {
    this.services = page.getByTestId('service');
    this.form = page.getByTestId('service-form');
    this.notice = page.getByTestId('passwords-notice');
    this.empty = page.getByTestId('passwords-empty');
    this.navCount = page.getByTestId('nav-passwords-count');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-passwords').click();
    await expect(this.page.getByTestId('nist-note')).toBeVisible();
  }

  service(vendor: string): Locator {
    return this.page.locator(`[data-testid="service"][data-vendor="${vendor}"]`);
  }

  async add(fields: ServiceFields): Promise<void> {
    await this.page.getByTestId('service-add').click();
    await expect(this.form).toBeVisible();
    if (fields.service) await this.form.getByTestId('service-vendor').selectOption({ label: fields.service });
    await this.fill(fields);
    await this.save();
  }

  async edit(vendor: string, fields: ServiceFields): Promise<void> {
    await this.service(vendor).getByTestId('service-edit').click();
    await expect(this.form).toBeVisible();
    await this.fill(fields);
    await this.save();
  }

  private async fill(fields: ServiceFields): Promise<void> {
    if (fields.periodDays !== undefined) {
      const box = this.form.getByTestId('service-periodic');
      if (fields.periodDays === null) await box.uncheck();
      else {
        await box.check();
        await this.form.getByTestId('service-period').fill(String(fields.periodDays));
      }
    }
    if (fields.lastChanged !== undefined)
      await this.form.getByTestId('service-last-changed').fill(fields.lastChanged);
  }

  private async save(): Promise<void> {
    await this.form.getByTestId('service-save').click();
    await expect(this.form).toBeHidden();
  }
}
