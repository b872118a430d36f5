import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';

export interface SavedReport {
  readonly filename: string;
  readonly path: string;
  readonly bytes: Buffer;
}

/** The "Report for the support call" control on an incident card. */
export class ReportExport {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    incident: Locator,
  ) {
    this.root = incident.getByTestId('report-export');
  }

  /** Chooses a format and language, clicks Export and saves the download into `dir`. */
  async download(format: 'pdf' | 'csv' | 'md', locale: 'en' | 'ja', dir: string): Promise<SavedReport> {
    if (!(await this.root.evaluate((el) => (el as HTMLDetailsElement).open))) {
      await this.root.locator('summary').click();
    }
    await this.root.getByTestId('report-format').selectOption(format);
    await this.root.getByTestId('report-locale').selectOption(locale);
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.root.getByTestId('report-download').click(),
    ]);
    const filename = download.suggestedFilename();
    const file = path.join(dir, filename);
    await download.saveAs(file);
    return { filename, path: file, bytes: readFileSync(file) };
  }

  get message(): Locator {
    return this.root.getByTestId('report-message');
  }
}
