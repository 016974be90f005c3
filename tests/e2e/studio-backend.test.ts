// End to end in real Chromium: the browser studio shows the ML backend reported by the real trainer
// process, reports a crash of that process, and recovers when it restarts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { collectPageErrors, launchChromium, screenshot, startStudio, type RunningStudio } from './helpers';

let studio: RunningStudio;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  studio = await startStudio();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 640 } });
  pageErrors = collectPageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await studio?.stop();
});

describe('browser studio against the real backend process', () => {
  it('shows the active ML backend from the trainer process in the status bar', async () => {
    await page.goto(studio.url);
    const name = page.getByTestId('backend-name');
    await name.waitFor({ timeout: 60_000 });
    // The same answer the trainer gives any client of this studio.
    const reply = await studio.request('backend:info');
    expect(reply.ok).toBe(true);
    const info = reply.result as { name: string; version: string };
    expect(await name.textContent()).toBe(`${info.name} ${info.version}`);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(info.name);
    await page.getByRole('tab', { name: 'Backend' }).click();
    await expect.poll(() => page.getByTestId('backend-details').textContent()).toContain(info.version);
    await screenshot(page, 'studio-backend');
    expect(pageErrors).toEqual([]);
  });

  it('explains the fallback when the native backend is not used', async () => {
    const reply = await studio.request('backend:info');
    const info = reply.result as { fallbackReason?: string };
    if (!info.fallbackReason) return; // native backend: nothing to explain
    await page.getByRole('button', { name: 'fallback: why?' }).click();
    expect(await page.getByTestId('fallback-reason').textContent()).toContain(info.fallbackReason);
  });

  it('shows the About panel with the piano samples credit', async () => {
    await page.getByRole('tab', { name: 'About' }).click();
    await expect.poll(() => page.getByTestId('credits').textContent()).toContain('Salamander Grand Piano by Alexander Holm, CC BY 3.0');
    await page.getByRole('tab', { name: 'Backend' }).click();
  });

  it('reports a crash of the backend process and recovers after the restart', async () => {
    const seen: string[] = [];
    await page.exposeFunction('__recordState', (s: string) => seen.push(s));
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="backend-status"]')!;
      new MutationObserver(() =>
        (window as unknown as { __recordState(s: string): void }).__recordState(
          `${el.getAttribute('data-state')}: ${el.textContent?.trim()}`,
        ),
      ).observe(el, {
        attributes: true,
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
    const crash = await studio.request('debug:crash');
    expect(crash.ok).toBe(false);
    expect(crash.error).toMatch(/the backend process stopped unexpectedly \(signal SIGKILL\)/);
    // Best effort picture of the message (the restart may already be done; the observer above is the proof).
    await page
      .getByTestId('backend-down')
      .waitFor({ timeout: 2000 })
      .then(
        () => screenshot(page, 'studio-backend-down'),
        () => {},
      );
    await page.getByTestId('backend-recovered').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('backend-status').getAttribute('data-state')).toBe('ready');
    expect(
      seen.some(
        (s) =>
          s.startsWith('down: ') && s.includes('The backend process stopped unexpectedly (signal SIGKILL)') && s.includes('Restarting'),
      ),
    ).toBe(true);
    await screenshot(page, 'studio-backend-recovered');
    expect(studio.output()).toContain('the backend process stopped unexpectedly (signal SIGKILL); restarting it');
  });
});
