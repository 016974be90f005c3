// End to end in real Chromium against the real backend: on a few uploaded etudes (the project's
// own default-corpus files), a short run from a fresh network, then a fine-tune of the shipped
// default model chosen in the form's "Start from", with the same preset and split: the dev chart
// draws both dev curves on one epoch axis (the new run compared with the previous one), and the
// library shows the fine-tuned model's lineage. Screenshots: fine-tune-curves, library-lineage.
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot, type RunningStudio, copyEtudes, openStudioPage, closeStudioPage } from './helpers';

let studio: RunningStudio;
let browser: Browser;
let page: Page;
let dataDir: string;
let solos: string;
let pageErrors: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'licklab-e2e-fine-tune-'));
  solos = path.join(dataDir, 'upload-src', 'my-solos');
  copyEtudes(solos, /^(blues|minor-blues)-0[1-3]/);
  ({ studio, browser, page, pageErrors } = await openStudioPage(dataDir));
});

afterAll(async () => {
  await closeStudioPage({ studio, browser }, dataDir);
});

const row = (id: string) => page.locator(`[data-testid="library-row"][data-id="${id}"]`);
const devChart = () => page.getByTestId('dev-chart');
const numbers = (s: string | null) => (s ? s.split(',').map(Number) : []);

async function runToEnd(): Promise<{ info: { modelId: string; parent?: { id: string } }; done: { modelId: string } }> {
  await page.getByTestId('start').click();
  await expect.poll(() => page.getByTestId('run-state').getAttribute('data-running'), { timeout: 30_000 }).toBe('true');
  await expect.poll(() => page.getByTestId('run-state').getAttribute('data-running'), { timeout: 240_000 }).toBe('false');
  return (await studio.request('train:status')).result as never;
}

describe('fine-tuning in the app', () => {
  it('a fresh run, then a fine-tune of the default model: both dev curves on one chart, the lineage in the library', async () => {
    await page.goto(studio.url);
    await page.getByRole('tab', { name: 'Training' }).click();
    await expect.poll(() => row('@default').count(), { timeout: 60_000 }).toBe(1);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByTestId('corpus-empty').waitFor();
    await page.getByTestId('upload-folder').setInputFiles(solos);
    await expect
      .poll(() => page.locator('[data-testid="corpus-table"] tr[data-status="ok"]').count(), { timeout: 60_000 })
      .toBe(readdirSync(solos).filter((f) => f.endsWith('.mid')).length);

    // The same preset and split for both runs; short.
    const settings: Record<string, string> = { epochs: '4', sampleEvery: '0', panelEvery: '0', devFraction: '0.34' };
    for (const [field, value] of Object.entries(settings)) await page.getByTestId(`field-${field}`).fill(value);
    expect(await page.getByTestId('start-from').inputValue()).toBe('');
    expect(await page.getByTestId('start-from-note').textContent()).toBe('Trains a new network from random weights.');
    const scratch = await runToEnd();
    expect(scratch.info.parent).toBeUndefined();
    expect(scratch.done.modelId).toBe('uploaded files - default');
    // The split says how little dev data there is.
    expect((await page.getByTestId('run-start').textContent())!.trim()).toMatch(
      /^Split by file: 4 train files, 2 dev files \(\d+ dev notes\)\. Little dev data \(fewer than 3 files or 2000 notes\)/,
    );
    await expect.poll(() => row('uploaded files - default').count(), { timeout: 30_000 }).toBe(1);
    const scratchDev = numbers(await devChart().getAttribute('data-values'));
    expect(scratchDev.length).toBeGreaterThan(0);

    // Start from the shipped default model: the form shows its shape and the lower rate.
    await page.getByTestId('start-from').selectOption('@default');
    expect(await page.getByTestId('start-from-note').textContent()).toMatch(
      /^Fine-tunes “Default model \(shipped\)” \(1 x 128, v2\): starts from its weights and vocabulary/,
    );
    expect(await page.getByTestId('field-learningRate').inputValue()).toBe('0.005');
    expect(await page.getByTestId('field-units').isDisabled()).toBe(true);
    const tuned = await runToEnd();
    expect(tuned.info.parent?.id).toBe('@default');
    expect(tuned.done.modelId).toBe('uploaded files - default fine-tuned');
    expect((await page.getByTestId('run-start').textContent())!.trim()).toMatch(
      /^This run fine-tunes “Default model \(shipped\)” \(learning rate 0\.005\)\. Split by file: 4 train files, 2 dev files/,
    );

    // Both dev curves on one chart: this run's and, compared by default, the previous run's (from scratch).
    expect(await page.getByTestId('compare-with').inputValue()).toBe('uploaded files - default');
    await expect.poll(() => devChart().getAttribute('data-compare-label')).toBe('uploaded files - default');
    expect(numbers(await devChart().getAttribute('data-compare-values'))).toEqual(scratchDev.map((v) => Number(v.toFixed(4))));
    const tunedDev = numbers(await devChart().getAttribute('data-values'));
    expect(tunedDev.length).toBeGreaterThan(0);
    const [lo, hi] = numbers(await devChart().getAttribute('data-range'));
    for (const v of [...tunedDev, ...scratchDev]) expect(v >= lo && v <= hi).toBe(true); // one loss scale
    expect(await page.getByTestId('legend-compare').textContent()).toBe('uploaded files - default');
    expect(await page.getByTestId('compare-summary').textContent()).toMatch(
      /^Best dev loss \(nats\/note\): this run \d+\.\d{3} at epoch \d; “uploaded files - default” \d+\.\d{3} at epoch \d \(this run \d+\.\d{3} (lower|higher|apart)\)\.$/,
    );
    await page.locator('section.charts').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await screenshot(page, 'fine-tune-curves');

    // The library: the fine-tuned model names its parent; the fresh run has no lineage.
    const lineage = row('uploaded files - default fine-tuned').getByTestId('lineage');
    await expect.poll(() => lineage.count(), { timeout: 30_000 }).toBe(1);
    expect(await lineage.textContent()).toMatch(
      /↳ fine-tuned from “Default model \(shipped\)” \(before fine-tuning: dev \d+\.\d+\/note on this corpus\)/,
    );
    expect(await lineage.getAttribute('data-parent')).toBe('@default');
    expect(await row('uploaded files - default').getByTestId('lineage').count()).toBe(0);
    await row('uploaded files - default fine-tuned').scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    await screenshot(page, 'library-lineage');
    expect(pageErrors).toEqual([]);
  }, 600_000);
});
