import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** The timeline window: incidents on top, events below in two linked columns. */
export class TimelinePage {
  readonly incidents: Locator;
  readonly events: Locator;

  constructor(readonly page: Page) {
    this.incidents = page.getByTestId('incident');
    this.events = page.getByTestId('event');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  async setLocale(locale: 'en' | 'ja'): Promise<void> {
    await this.page.getByTestId('locale-select').selectOption(locale);
  }

  async importFiles(files: string[]): Promise<string> {
    await this.page.getByTestId('import-input').setInputFiles(files.map((f) => path.resolve(f)));
    const result = this.page.getByTestId('import-result');
    await expect(result).toBeVisible();
    return (await result.textContent()) ?? '';
  }

  incident(kind: string): Locator {
    return this.page.locator(`[data-testid="incident"][data-kind="${kind}"]`);
  }

  event(kind: string): Locator {
    return this.page.locator(`[data-testid="event"][data-kind="${kind}"]`);
  }
}
