// The steps the browser journeys share, beside harness.ts (which re-exports them): live pages, the server's money
// format, a deposit through the sandbox gateway, an order's actions and its review.
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { formatMoney } from '../../src/platform/i18n/index.ts';

// ---------------------------------------------------------------------------------------------------------------
// Live pages (live.js hands each event of the page's /live stream to the page as `kafiil:<type>` on document).

type LiveWindow = { __hello?: number; __marker?: number };

/** Makes every page of the context count the `hello` events of its live stream (the first: the server subscribed it). */
export async function countHellos(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript(() => {
    const w = window as unknown as LiveWindow;
    w.__hello = 0;
    document.addEventListener('kafiil:hello', () => {
      w.__hello = (w.__hello ?? 0) + 1;
    });
  });
}

/** Waits until the page's live stream has said hello (the server holds its subscription); `who` names it in the error. */
export async function liveOpen(page: Page, who: string, timeoutMs: number): Promise<void> {
  try {
    await page.waitForFunction(() => ((window as unknown as LiveWindow).__hello ?? 0) > 0, undefined, { timeout: timeoutMs });
  } catch (err) {
    throw new Error(`${who}'s page (${page.url()}) did not open its live stream (no hello from /live within ${timeoutMs / 1000} s)`, {
      cause: err,
    });
  }
}

/** Hello events this page's live stream has had (more than one: it reconnected and the counts came again). */
export const hellos = (page: Page) => page.evaluate(() => (window as unknown as LiveWindow).__hello ?? 0);

/** A mark on the page's window: still there later, the page was not loaded again; gone, it was. */
export const setMarker = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as LiveWindow).__marker = 1;
  });
export const marker = (page: Page) => page.evaluate(() => (window as unknown as LiveWindow).__marker ?? null);

// ---------------------------------------------------------------------------------------------------------------
// Steps the journeys share: the server's money format, a deposit through the sandbox gateway, an order's actions
// and its review form (src/modules/wallet/views, src/modules/orders/views.tsx).

/** An amount as the Arabic pages write it (the site's one formatter: "$35", isolated left to right). */
export const arMoney = (cents: number) => formatMoney('ar', cents);
/** The same in English. */
export const enMoney = (cents: number) => formatMoney('en', cents);

/** A small PDF to attach (to a delivery, a message…). */
export const pdfFile = (name: string, body: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${body}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`, 'latin1'),
});
export type AttachedFile = ReturnType<typeof pdfFile>;

/** Nothing on the page wider than `width` (the screen). */
export const fitsWidth = (page: Page, width: number) =>
  expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

/**
 * From the wallet page (signed in, Arabic, the sandbox gateway: STRIPE_SECRET_KEY empty): deposits `dollars` through
 * the sandbox checkout with the test card and comes back to the wallet; checks the available balance grew by it.
 */
export async function depositThroughSandbox(page: Page, dollars: number): Promise<void> {
  expect(new URL(page.url()).pathname).toBe('/wallet');
  const before = (await page.getByTestId('wallet.available').textContent())?.trim();
  const form = page.locator('#deposit-form');
  await form.locator('input[name="amount"]').fill(String(dollars));
  expect(await form.locator('input[name="method"][value="sandbox"]').isChecked(), 'the sandbox gateway, chosen by default').toBe(true);
  await form.getByRole('button', { name: 'متابعة' }).click();
  await page.waitForURL((u) => /^\/pay\/sandbox\/\d+$/.test(u.pathname) && (u.searchParams.get('s') ?? '').length > 10);
  expect(await page.locator('main').textContent()).toContain(arMoney(dollars * 100));
  await page.getByLabel('رقم البطاقة').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'ادفع', exact: true }).click();
  await page.getByTestId('sandbox-result').filter({ hasText: 'تم الدفع' }).waitFor({ state: 'visible' });
  await page.getByRole('link', { name: 'العودة إلى المحفظة' }).click();
  await page.waitForURL((u) => u.pathname === '/wallet');
  const after = (await page.getByTestId('wallet.available').textContent())?.trim();
  expect(after, `the available balance was ${before}`).not.toBe(before);
}

/** An order's status labels (Arabic). */
export const ORDER_STATUS = { pending: 'بانتظار البائع', inProgress: 'قيد التنفيذ', delivered: 'سُلّم', completed: 'مكتمل' };

/** The order's status badge (in the page title's row). */
export const orderStatus = (page: Page) => page.locator('main').getByTestId('order-status').first();

/**
 * On an order page: opens an action's form (a <details>), types its text, attaches files and sends it; the page
 * comes back on the order (POST → 303 → GET). A typed text keeps order.js from reloading the page meanwhile.
 */
export async function orderActionWithText(page: Page, action: string, body: string, files: AttachedFile[] = []): Promise<void> {
  const button = page.getByTestId(`action-${action}`);
  // The main action (a delivery in progress) is open already; the others are folded in a <details>.
  if (!(await button.isVisible())) {
    const details = page.locator('details', { has: button });
    await details.locator('summary').click();
    await expect.poll(() => details.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
  }
  const form = page.locator('form', { has: button });
  await form.locator('textarea').fill(body);
  if (files.length) await form.locator('input[name="files"]').setInputFiles(files);
  await button.click();
}

/**
 * On a completed order's page: chooses the review box's stars (quality, communication, on time: "1"–"5", whatever
 * they are called for the reviewer's side) and sends it with the comment.
 */
export async function reviewOrder(page: Page, scores: [string, string, string], comment: string): Promise<void> {
  const box = page.getByTestId('review-box');
  for (const [i, name] of (['quality', 'communication', 'onTime'] as const).entries())
    await box.locator(`label:has(input[name="${name}"][value="${scores[i]}"])`).click();
  await box.getByLabel('تعليقك').fill(comment);
  await box.getByTestId('send-review').click();
}
