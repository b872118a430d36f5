import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

/** The timeline's review tools: the filter bar and search, the virtualised event list, the detail pane. */
export class ReviewPage {
  readonly list: Locator;
  readonly events: Locator;
  readonly count: Locator;
  readonly search: Locator;
  readonly detail: Locator;
  readonly frame: Locator;
  readonly mailText: Locator;
  readonly links: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByTestId('event-list');
    this.events = page.getByTestId('event');
    this.count = page.getByTestId('review-count');
    this.search = page.getByTestId('filter-search');
    this.detail = page.getByTestId('detail');
    this.frame = page.getByTestId('mail-frame');
    this.mailText = page.getByTestId('mail-text');
    this.links = page.getByTestId('mail-link');
  }

  /** Inside the sandboxed mail frame (Playwright reaches it through the browser, not through the page). */
  frameContent(): FrameLocator {
    return this.page.frameLocator('[data-testid="mail-frame"]');
  }

  async filter(
    name: 'account' | 'vendor' | 'kind' | 'severity' | 'verdict' | 'order',
    value: string,
  ): Promise<void> {
    await this.page.getByTestId(`filter-${name}`).selectOption(value);
  }

  async clear(): Promise<void> {
    await this.page.getByTestId('filter-clear').click();
  }

  event(kind: string): Locator {
    return this.page.locator(`[data-testid="event"][data-kind="${kind}"]`);
  }

  /** Opens an event's mail in the detail pane and waits for the mail to load. */
  async open(event: Locator): Promise<void> {
    const id = await event.getAttribute('data-signal-id');
    await event.click();
    await expect(this.detail).toHaveAttribute('data-signal-id', id ?? '');
    await expect(this.frame.or(this.mailText).or(this.page.getByTestId('detail-not-kept'))).toBeVisible();
  }

  async close(): Promise<void> {
    await this.page.getByTestId('detail-close').click();
    await expect(this.detail).toHaveCount(0);
  }
}
