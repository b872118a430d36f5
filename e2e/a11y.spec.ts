/**
 * Accessibility with axe-core (issue 6: "no serious violations"): every screen, with the story's data, in
 * English and Japanese, checked against WCAG 2.1 A/AA rules. axe runs inside the page; it is injected through
 * Playwright's evaluate, which the page's CSP (no inline script) does not apply to. A violation of impact
 * "serious" or "critical" fails the test and is listed with the elements it concerns.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, ROOT, test } from './fixtures';
import { RespondPage } from './pages/RespondPage';
import { ReviewPage } from './pages/ReviewPage';
import { TimelinePage } from './pages/TimelinePage';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const STORY = path.join(ROOT, 'fixtures/story');
const storyFiles = readdirSync(STORY)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => path.join(STORY, f));

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

async function serious(page: Page, where: string): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: unknown[]; any: { message: string }[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      // axe's own words per element: for contrast, the ratio and both colours.
      nodes: v.nodes
        .slice(0, 8)
        .map((n) => `${JSON.stringify(n.target)} (${n.any.map((a) => a.message).join('; ')})`),
    }));
  });
  return (violations as Violation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
}

// Dark mode follows the OS (prefers-color-scheme); its palette is checked for contrast like the light one.
const variants = [
  { locale: 'en', scheme: 'light' },
  { locale: 'ja', scheme: 'light' },
  { locale: 'en', scheme: 'dark' },
  { locale: 'ja', scheme: 'dark' },
] as const;

for (const { locale, scheme } of variants) {
  test(`no serious accessibility violations on any screen (${locale}, ${scheme})`, async ({
    page,
    shell,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const timeline = new TimelinePage(page);
    await timeline.open(shell.url);
    await timeline.setLocale(locale);
    await timeline.importFiles(storyFiles);
    await expect(timeline.incident('giftcard_fraud')).toHaveAttribute('data-severity', 'critical');
    const found: string[] = [];
    found.push(...(await serious(page, 'timeline')));

    const review = new ReviewPage(page);
    await review.open(timeline.event('payment.charge').first());
    found.push(...(await serious(page, 'mail detail')));
    await review.close();

    await timeline.incident('giftcard_fraud').getByTestId('incident-respond').click();
    const respond = new RespondPage(page);
    await respond.expectOpen();
    found.push(...(await serious(page, 'respond')));
    await respond.back();

    // Each of these screens has an add button that opens a form: the form is checked too, never skipped.
    const screens = [
      { screen: 'accounts', add: { en: 'Add account', ja: 'アカウントを追加' }, form: 'account-form' },
      { screen: 'rules', add: { en: 'Add rule', ja: 'ルールを追加' }, form: 'rule-form' },
      { screen: 'passwords', add: { en: 'Add a service', ja: 'サービスを追加' }, form: 'service-form' },
    ] as const;
    for (const { screen, add, form } of screens) {
      await page.getByTestId(`nav-${screen}`).click();
      await expect(page.getByTestId(`nav-${screen}`)).toHaveAttribute('aria-current', 'page');
      found.push(...(await serious(page, screen)));
      const button = page.getByRole('button', { name: add[locale], exact: true });
      await expect(button).toBeVisible();
      await expect(button).toBeEnabled();
      await button.click();
      await expect(page.getByTestId(form)).toBeVisible();
      found.push(...(await serious(page, `${screen} form`)));
    }
    expect(found).toEqual([]);
  });
}
