// End to end in real Chromium against the real backend (licklab studio + trainer process): the
// default model's curves on a fresh start, a corpus folder uploaded through the page, a tiny model
// trained for three epochs (both curves with three points and the baselines), Stop in the middle
// of an epoch (the best model so far lands in the library), and a trainer crash mid-training.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { projectRoot, screenshot, type RunningStudio, copyEtudes, openStudioPage, closeStudioPage } from './helpers';

let studio: RunningStudio;
let browser: Browser;
let page: Page;
let dataDir: string;
let solos: string;
let pageErrors: string[] = [];

const defaultMeta = JSON.parse(readFileSync(path.join(projectRoot, 'assets/default-model/licklab.json'), 'utf8')) as {
  history: unknown[];
  bestEpoch: number;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'licklab-e2e-training-'));
  // A small folder of the project's own etudes (MIDI + chord chart) and one broken file.
  solos = path.join(dataDir, 'upload-src', 'my-solos');
  copyEtudes(solos, /^(blues|minor-blues)-0[1-4]/);
  writeFileSync(path.join(solos, 'broken.mid'), 'this is not a MIDI file');
  ({ studio, browser, page, pageErrors } = await openStudioPage(dataDir, { height: 1080 }));
});

afterAll(async () => {
  await closeStudioPage({ studio, browser }, dataDir);
});

const attr = (testId: string, name: string) => page.getByTestId(testId).getAttribute(name);
const numbers = async (testId: string) => ((await attr(testId, 'data-values')) ?? '').split(',').filter(Boolean).map(Number);

async function fill(field: string, value: string) {
  await page.getByTestId(`field-${field}`).fill(value);
}

describe('training dashboard against the real backend', () => {
  it("shows the shipped default model's curves on a fresh start", async () => {
    await page.goto(studio.url);
    await page.getByRole('tab', { name: 'Training' }).click();
    await expect.poll(() => attr('dev-chart', 'data-points'), { timeout: 60_000 }).toBe(String(defaultMeta.history.length));
    expect(await attr('train-chart', 'data-points')).toBe(String(defaultMeta.history.length));
    expect(Number(await attr('dev-chart', 'data-unigram'))).toBeGreaterThan(0);
    expect(Number(await attr('dev-chart', 'data-bigram'))).toBeGreaterThan(0);
    expect(await attr('dev-chart', 'data-best-epoch')).toBe(String(defaultMeta.bestEpoch));
    // uPlot drew both charts (canvas), under the app's CSP.
    for (const chart of ['train-chart', 'dev-chart']) await page.locator(`[data-testid="${chart}"] canvas`).first().waitFor();
    // The same loss scale on both charts.
    expect(await attr('train-chart', 'data-range')).toBe(await attr('dev-chart', 'data-range'));
    await expect.poll(() => page.locator('[data-testid="library-row"][data-id="@default"]').count()).toBe(1);
    await expect.poll(() => page.getByTestId('corpus-totals').textContent(), { timeout: 60_000 }).toMatch(/180 of 180 files usable/);
    await page.waitForTimeout(300);
    await screenshot(page, 'training-default-model');
    // On a 1280-wide laptop the two plots still start at the same height (one loss scale, side by side).
    await page.setViewportSize({ width: 1280, height: 720 });
    try {
      const top = (chart: string) =>
        page.locator(`[data-testid="${chart}"] .plot`).evaluate((el) => Math.round(el.getBoundingClientRect().top));
      await expect.poll(async () => (await top('train-chart')) - (await top('dev-chart'))).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1440, height: 1080 });
    }
  });

  it('uploads a folder through the page and reports each file', async () => {
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByTestId('corpus-empty').waitFor();
    await page.getByTestId('upload-folder').setInputFiles(solos);
    const rows = page.locator('[data-testid="corpus-table"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(readdirSync(solos).filter((f) => f.endsWith('.mid')).length);
    const skipped = page.locator('[data-testid="corpus-table"] tr[data-status="skipped"]');
    expect(await skipped.count()).toBe(1);
    expect(await skipped.textContent()).toMatch(/broken\.mid.*skipped: /);
    expect(await page.locator('[data-testid="corpus-table"] tr[data-status="ok"]').first().textContent()).toMatch(/chord chart · \d+%/);
  });

  it('trains a tiny model for three epochs: both curves get three points, with the baselines', async () => {
    await page.getByTestId('preset').selectOption('custom');
    await fill('units', '16');
    await fill('window', '16');
    await fill('batchSize', '8');
    await fill('learningRate', '0.02');
    await fill('dropout', '0');
    await fill('epochs', 'three');
    expect(await page.getByTestId('field-error').first().textContent()).toContain('Max epochs must be a number');
    expect(await page.getByTestId('start').isDisabled()).toBe(true);
    await fill('epochs', '3');
    await fill('sampleEvery', '1');
    await page.getByTestId('start').click();
    await expect.poll(() => attr('run-state', 'data-epochs'), { timeout: 120_000 }).toBe('3');
    await expect.poll(() => attr('run-state', 'data-running'), { timeout: 60_000 }).toBe('false');
    for (const chart of ['train-chart', 'dev-chart']) {
      expect(await attr(chart, 'data-points')).toBe('3');
      expect(await attr(chart, 'data-epochs')).toBe('1,2,3');
      const values = await numbers(chart);
      expect(values).toHaveLength(3);
      expect(values.every((v) => v > 0 && v < 10)).toBe(true);
      expect(Number(await attr(chart, 'data-unigram'))).toBeGreaterThan(0);
      expect(Number(await attr(chart, 'data-bigram'))).toBeGreaterThan(0);
    }
    const status = (await studio.request('train:status')).result as {
      info: { modelId: string };
      history: { trainNatsPerNote?: number; unigramDevNatsPerNote?: number }[];
      done: { stopReason: string };
    };
    expect(status.done.stopReason).toBe('completed');
    // The charts draw nats per note when the run records them (every v2 run does).
    expect(status.history.every((r) => r.trainNatsPerNote !== undefined)).toBe(true);
    expect(Number(await attr('dev-chart', 'data-unigram'))).toBeCloseTo(status.history[0].unigramDevNatsPerNote!, 3);
    expect(await numbers('train-chart')).toEqual(status.history.map((r) => Number(r.trainNatsPerNote!.toFixed(4))));
    // Hear it learn: a sample per epoch and one of the saved model.
    expect(Number(await page.getByTestId('play-epoch-3').getAttribute('data-notes'))).toBeGreaterThan(0);
    await page.getByTestId('play-final').waitFor();
    await expect.poll(() => page.locator(`[data-testid="library-row"][data-id="${status.info.modelId}"]`).count()).toBe(1);
    await page.getByTestId('dev-chart').hover({ position: { x: 230, y: 110 } });
    await page.waitForTimeout(200);
    await screenshot(page, 'training-dashboard');
    await page.getByTestId('log-toggle').check();
    await expect.poll(() => attr('dev-chart', 'data-log')).toBe('true');
    // Redrawn on a log axis, with readable tick labels on both charts (not a blank axis or a crash).
    for (const chart of ['train-chart', 'dev-chart']) {
      const plot = page.locator(`[data-testid="${chart}"] .plot`);
      await expect.poll(() => plot.getAttribute('data-y-scale')).toBe('log');
      expect(((await plot.getAttribute('data-y-ticks')) ?? '').split(',').filter(Boolean).length).toBeGreaterThanOrEqual(2);
    }
    expect(pageErrors).toEqual([]);
    await page.getByTestId('smooth-toggle').check();
    expect(await attr('dev-chart', 'data-shown')).not.toBe(await attr('dev-chart', 'data-values'));
    expect(await page.locator('[data-testid="dev-chart"] canvas').count()).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('Stop ends a longer run in the middle of an epoch and the best model so far is saved', async () => {
    const before = await page.getByTestId('library-row').count();
    await fill('units', '32');
    await fill('window', '8');
    await fill('batchSize', '2');
    await fill('epochs', '200');
    await fill('patience', '200');
    await page.getByTestId('start').click();
    await expect.poll(() => attr('run-state', 'data-running'), { timeout: 30_000 }).toBe('true');
    await expect.poll(async () => Number(await attr('run-state', 'data-epochs')), { timeout: 120_000 }).toBeGreaterThanOrEqual(1);
    await page.getByTestId('epoch-progress').waitFor();
    await page.getByTestId('stop').click();
    const clicked = Date.now();
    await expect.poll(() => attr('run-state', 'data-running'), { timeout: 30_000 }).toBe('false');
    const status = (await studio.request('train:status')).result as {
      info: { modelId: string };
      history: unknown[];
      done: { stopReason: string; modelId: string; bestEpoch: number };
    };
    expect(status.done.stopReason).toBe('cancelled');
    expect(status.history.length).toBeLessThan(200);
    expect(status.done.modelId).toBe(status.info.modelId);
    expect(await page.getByTestId('run-state').textContent()).toMatch(/Stopped during epoch \d+ \(\d+ finished\)\. Best dev loss/);
    await expect.poll(() => page.getByTestId('library-row').count()).toBe(before + 1);
    expect(await page.locator(`[data-testid="library-row"][data-id="${status.info.modelId}"]`).textContent()).toContain(
      `@${status.done.bestEpoch}`,
    );
    expect(Date.now() - clicked).toBeLessThan(20_000);
    await screenshot(page, 'training-stopped');
  }, 240_000);

  it('a crash of the trainer mid-training is reported, the checkpoint is kept, and training can start again', async () => {
    await fill('epochs', '200');
    await page.getByTestId('start').click();
    // The new run has begun (its epochs and checkpoint start empty); until then the panel still shows the stopped run's.
    await expect.poll(() => attr('run-state', 'data-running'), { timeout: 60_000 }).toBe('true');
    await expect.poll(async () => Number(await attr('run-state', 'data-epochs')), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => Number(await attr('run-state', 'data-checkpoint')), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    const status = (await studio.request('train:status')).result as { info: { modelId: string } };
    const crash = await studio.request('debug:crash');
    expect(crash.ok).toBe(false);
    await page.getByTestId('train-crashed').waitFor({ timeout: 30_000 });
    const crashedText = (await page.getByTestId('train-crashed').textContent()) ?? '';
    expect(crashedText, crashedText).toMatch(
      /stopped during training \(signal SIGKILL\)\. The best checkpoint saved so far \(epoch \d+, dev \d\.\d{3}\) is kept/,
    );
    // After the automatic restart the checkpoint is a usable model in the library, and Start is back.
    await expect
      .poll(() => page.locator(`[data-testid="library-row"][data-id="${status.info.modelId}"]`).count(), { timeout: 60_000 })
      .toBe(1);
    const row = page.locator(`[data-testid="library-row"][data-id="${status.info.modelId}"]`);
    expect(await row.textContent()).toContain('the run did not finish');
    // The message names the checkpoint the library holds (re-read: it is confirmed once the backend is back).
    const saved = async () => /epoch (\d+)/.exec((await page.getByTestId('train-crashed').textContent())!)![1];
    await expect.poll(async () => (await row.textContent())!.includes(`@${await saved()}`), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('start').isEnabled(), { timeout: 60_000 }).toBe(true);
    await screenshot(page, 'training-crashed');
    // The host ended the interrupted run with train:done; the restarted trainer's train:status still
    // returns it, so a page opened after the crash says where the run stopped and what is kept.
    const after = (await studio.request('train:status')).result as {
      running: boolean;
      done: { stopReason: string; message: string; bestEpoch: number; modelId: string };
    };
    expect(after.running).toBe(false);
    expect(after.done).toMatchObject({ stopReason: 'failed', modelId: status.info.modelId });
    const doneText = new RegExp(
      `^The trainer stopped at epoch \\d+, after \\d+ finished epochs? \\(signal SIGKILL\\); the checkpoint of epoch ${after.done.bestEpoch} is kept in the library as "${status.info.modelId}"$`,
    );
    expect(after.done.message).toMatch(doneText);
    await page.reload();
    await page.getByRole('tab', { name: 'Training' }).click();
    await expect.poll(async () => (await page.getByTestId('run-state').textContent())!.trim(), { timeout: 30_000 }).toMatch(doneText);
    await screenshot(page, 'training-crashed-reloaded');
    // The default corpus is one click away again.
    await page.getByTestId('use-default').click();
    await expect.poll(() => page.getByTestId('corpus-totals').textContent(), { timeout: 60_000 }).toMatch(/180 of 180 files usable/);
    expect(pageErrors.filter((e) => !/WebSocket|backend process/i.test(e))).toEqual([]);
  }, 240_000);

  it('a trained model set active in the library is the one the studio shows and generates with', async () => {
    const row = page.locator('[data-testid="library-row"]:not([data-id="@default"])').first();
    const id = (await row.getAttribute('data-id'))!;
    await row.getByTestId('set-active').click();
    await expect.poll(() => row.getByTestId('active-badge').count()).toBe(1);
    await page.getByRole('tab', { name: 'Studio' }).click();
    await expect.poll(() => page.getByTestId('active-model').getAttribute('data-model-id'), { timeout: 30_000 }).toBe(id);
    expect(await page.getByTestId('active-model').textContent()).toContain(id);
    await page.getByTestId('generate').click();
    await page.getByTestId('current-take').waitFor({ timeout: 90_000 });
    const take = await page.evaluate(() =>
      (window as unknown as { __licklab: { studio: { current(): { model: string } | null } } }).__licklab.studio.current(),
    );
    expect(take?.model).toBe(id);
    await screenshot(page, 'studio-custom-model');
    await page.getByRole('tab', { name: 'Training' }).click();
  }, 120_000);

  it('exports a model as one file (a download in the browser) and imports it back into the library', async () => {
    const row = page.locator('[data-testid="library-row"]:not([data-id="@default"])').first();
    await row.waitFor(); // back from the studio tab, the library lists its models again before they are counted
    const before = await page.getByTestId('library-row').count();
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.licklab\.json$/);
    const file = path.join(dataDir, download.suggestedFilename());
    await download.saveAs(file);
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as { format: string; files: Record<string, string> };
    expect(bundle.format).toBe('licklab-model-bundle');
    expect(Object.keys(bundle.files).sort()).toEqual(['licklab.json', 'model.json', 'weights.bin']);
    await page.getByTestId('import-bundle').setInputFiles(file);
    await expect.poll(() => page.getByTestId('library-row').count(), { timeout: 60_000 }).toBe(before + 1);
    expect(await page.getByTestId('library-error').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
