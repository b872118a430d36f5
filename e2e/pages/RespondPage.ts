import { expect, type Locator, type Page } from '@playwright/test';

/** The Respond view of one incident: the playbook's steps, the rotation, and the refund countdown. */
export class RespondPage {
  readonly root: Locator;
  readonly title: Locator;
  readonly steps: Locator;
  readonly countdowns: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('respond');
    this.title = page.getByTestId('respond-title');
    this.steps = page.getByTestId('step');
    this.countdowns = page.getByTestId('countdown');
  }

  async expectOpen(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.steps.first()).toBeVisible();
  }

  step(key: string): Locator {
    return this.page.locator(`[data-testid="step"][data-step="${key}"]`);
  }

  /** Ticks a step; the box follows the core's answer, so click and wait for it (check() would see it lag). */
  async tick(key: string): Promise<void> {
    await this.step(key).getByTestId('step-check').click();
    await expect(this.step(key)).toHaveAttribute('data-done', 'true');
  }

  countdown(bank: string): Locator {
    return this.page.locator(`[data-testid="countdown"][data-bank="${bank}"]`);
  }

  async back(): Promise<void> {
    await this.page.getByTestId('respond-back').click();
  }
}
