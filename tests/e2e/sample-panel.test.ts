// End to end in real Chromium against the real backend: a tiny model trained with the sample panel
// after every epoch shows the third chart (one point per epoch, the dev solos' reference lines);
// clicking a point plays that epoch's panel take; an epoch starred while listening is kept; the
// library lists the run's checkpoints and switching the one in use changes what the studio plays.
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
// The run is long on purpose (the fast training step finishes ten tiny epochs in a few seconds):
// an epoch is starred while it trains, then Stop ends it; the checks use the epochs it finished.
const MAX_EPOCHS = 500;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'licklab-e2e-panel-'));
  solos = path.join(dataDir, 'upload-src', 'my-solos');
  copyEtudes(solos, /^(blues|minor-blues)-0[1-4]/);
  ({ studio, browser, page, pageErrors } = await openStudioPage(dataDir, { height: 1080, autoplay: true }));
});

afterAll(async () => {
  await closeStudioPage({ studio, browser }, dataDir);
});

const attr = (testId: string, name: string) => page.getByTestId(testId).getAttribute(name);
const list = async (testId: string, name: string) => ((await attr(testId, name)) ?? '').split(',').filter(Boolean).map(Number);

/** Click the sample chart where epoch `e` is drawn (the x scale runs from 0.7 to the last epoch + 0.3). */
async function clickEpoch(e: number, lastEpoch: number) {
  const over = page.locator('[data-testid="sample-chart"] .u-over');
  const box = (await over.boundingBox())!;
  const x = ((e - 0.7) / (lastEpoch + 0.3 - 0.7)) * box.width;
  await over.hover({ position: { x, y: box.height / 2 } });
  await page.waitForTimeout(100);
  await over.click({ position: { x, y: box.height / 2 } });
}

async function generateNotes(): Promise<string> {
  const r = await studio.request('take:generate', {
    source: { kind: 'form', form: 'blues', key: 'F' },
    bars: 4,
    temperature: 1,
    seed: 11,
    tempo: 160,
    swing: 0,
  });
  expect(r.ok, r.error).toBe(true);
  return JSON.stringify((r.result as { notes: unknown[] }).notes);
}

describe('the sample chart and checkpoints by ear and by numbers', () => {
  it('a model trained before the panel says so', async () => {
    await page.goto(studio.url);
    await page.getByRole('tab', { name: 'Training' }).click();
    await page.getByTestId('sample-chart').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('no-sample-history').textContent(), { timeout: 60_000 }).toMatch(/No sample history/);
  });

  it('charts the panel per epoch with the dev reference, plays a point, keeps a starred epoch', async () => {
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByTestId('corpus-empty').waitFor();
    await page.getByTestId('upload-folder').setInputFiles(solos);
    await expect
      .poll(() => page.locator('[data-testid="corpus-table"] tr[data-status="ok"]').count(), { timeout: 60_000 })
      .toBe(readdirSync(solos).filter((f) => f.endsWith('.mid')).length);
    await page.getByTestId('preset').selectOption('custom');
    for (const [f, v] of [
      ['units', '64'],
      ['window', '16'],
      ['batchSize', '2'], // epochs of a second or more: the starred epoch is still among the last 8 when the star arrives
      ['learningRate', '0.02'],
      ['dropout', '0'],
      ['epochs', String(MAX_EPOCHS)],
      ['patience', String(MAX_EPOCHS)],
      ['sampleEvery', '0'],
      ['panelEvery', '1'],
    ]) {
      await page.getByTestId(`field-${f}`).fill(v);
    }
    await page.getByTestId('start').click();
    // While it trains: click an epoch's point, hear its panel take, star it.
    await expect.poll(() => attr('sample-chart', 'data-playable'), { timeout: 120_000 }).toMatch(/^1,2/);
    await page.locator('[data-testid="sample-chart"] canvas').first().waitFor();
    // The first point (the best dev epoch comes later), clicked at once: only the last 8 epochs can be starred.
    await clickEpoch(1, (await list('sample-chart', 'data-epochs')).at(-1)!);
    const starred = Number(await attr('panel-take', 'data-epoch')); // epoch 1, or 2 if the chart grew under the click
    await page.getByTestId('star-epoch').click();
    // The trainer answers between batches: the run keeps that epoch.
    await expect
      .poll(async () => ((await studio.request('train:status')).result as { starredEpoch?: number | null }).starredEpoch, {
        timeout: 30_000,
      })
      .toBe(starred);
    await expect.poll(() => page.getByTestId('panel-take').textContent()).toMatch(/★ (starred|epoch \d+ starred)/);
    // A few more epochs (the best dev epoch moves past the starred one), then Stop.
    await expect.poll(async () => Number(await attr('run-state', 'data-epochs')), { timeout: 300_000 }).toBeGreaterThanOrEqual(starred + 5);
    await page.getByTestId('stop').click();
    await expect.poll(() => attr('run-state', 'data-running'), { timeout: 180_000 }).toBe('false');
    const status = (await studio.request('train:status')).result as {
      info: { modelId: string };
      history: { epoch: number; sample?: { score: number; dev: { longestCopiedRun: number; ngram8Share: number } } }[];
      done: { bestEpoch: number };
    };
    const EPOCHS = status.history.length;
    expect(EPOCHS).toBeGreaterThanOrEqual(starred + 5);
    expect(await attr('sample-chart', 'data-points')).toBe(String(EPOCHS));
    expect(await list('sample-chart', 'data-epochs')).toEqual(Array.from({ length: EPOCHS }, (_, i) => i + 1));
    expect(await list('sample-chart', 'data-scores')).toEqual(status.history.map((r) => Number(r.sample!.score.toFixed(4))));
    const ref = status.history[0].sample!.dev;
    expect(Number(await attr('sample-chart', 'data-dev-longest-run'))).toBeCloseTo(ref.longestCopiedRun, 3);
    expect(Number(await attr('sample-chart', 'data-dev-ngram8'))).toBeCloseTo(ref.ngram8Share, 3);
    // The last epoch's point plays that epoch's take.
    await clickEpoch(EPOCHS, EPOCHS);
    await expect
      .poll(() => attr('panel-take', 'data-playing'), { timeout: 30_000 })
      .toMatch(new RegExp(`^epoch ${EPOCHS} panel take over `));
    await clickEpoch(3, EPOCHS);
    await expect.poll(() => attr('panel-take', 'data-epoch')).toBe('3');
    await page.waitForTimeout(300);
    await screenshot(page, 'training-sample-chart');
    await page.locator('[data-testid="sample-chart"] summary').click();
    await expect.poll(() => page.getByTestId('score-help').textContent()).toMatch(/score = 1 − the mean of nine distances/);
    await screenshot(page, 'training-sample-chart-help');
    await page.locator('[data-testid="sample-chart"] summary').click();

    // The library lists the run's checkpoints; the studio plays what the one in use holds.
    const row = page.locator(`[data-testid="library-row"][data-id="${status.info.modelId}"]`);
    await expect.poll(() => row.locator('[data-testid="checkpoint"]').count(), { timeout: 30_000 }).toBe(3);
    expect(await row.locator('[data-testid="checkpoint"][data-in-use="true"]').getAttribute('data-kind')).toBe('best-dev');
    expect(await row.locator('[data-testid="checkpoint"][data-kind="starred"]').getAttribute('data-epoch')).toBe(String(starred));
    expect(status.done.bestEpoch).not.toBe(starred); // so the starred weights differ from the best-dev ones
    await row.getByTestId('set-active').click();
    await expect.poll(() => row.getByTestId('active-badge').count()).toBe(1);
    const withBestDev = await generateNotes();
    await row.locator('[data-testid="checkpoint"][data-kind="starred"]').getByTestId('use-checkpoint').click();
    await expect
      .poll(() => row.locator('[data-testid="checkpoint"][data-in-use="true"]').getAttribute('data-kind'), { timeout: 30_000 })
      .toBe('starred');
    const withStarred = await generateNotes();
    expect(withStarred).not.toBe(withBestDev);
    await row.locator('[data-testid="checkpoint"][data-kind="best-dev"]').getByTestId('use-checkpoint').click();
    await expect
      .poll(() => row.locator('[data-testid="checkpoint"][data-in-use="true"]').getAttribute('data-kind'), { timeout: 30_000 })
      .toBe('best-dev');
    expect(await generateNotes()).toBe(withBestDev);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'training-checkpoints');
    expect(pageErrors).toEqual([]);
  }, 420_000);
});
