// End to end in real Chromium against the real backend (issue 19, honest corpus): a hand-made solo
// whose pickup starts before its beat grid's first beat, and which plays two double stops, is
// uploaded with its grid; the corpus panel explains its warnings and shows its flag. A band file
// of five parts is uploaded too: the panel lists its parts, picking another re-imports it with
// that part (and flags it), and "Leave out of training" keeps it listed while training skips it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot, type RunningStudio, copyEtudes, openStudioPage, closeStudioPage } from './helpers';
import { bandFile } from '../models/music/band-fixture';
import { buildSmf, notes } from '../models/music/smf-fixture';

let studio: RunningStudio;
let browser: Browser;
let page: Page;
let dataDir: string;
let upload: string;
let pageErrors: string[] = [];
const band = bandFile();

/** A 4/4 beat grid of four bars from 3.0 s, a beat every 0.5 s, one chord a bar. */
function grid(): string {
  const chords = ['Bb7', 'Eb7', 'Bb7', 'F7'];
  const rows = Array.from({ length: 16 }, (_, k) => {
    const bar = Math.floor(k / 4) + 1;
    return `${bar},40,${(k % 4) + 1},${k % 4 === 0 ? chords[bar - 1] : ''},1,,${3.0 + k * 0.5},${k === 0 ? '4/4' : ''}`;
  });
  return ['bar,bass_pitch,beat,chord,chorus_id,form,onset,signature', ...rows].join('\n');
}

/** A solo at 60 bpm (1 s a beat in the file): a pickup of three notes at 1.5-2.5 s, before the
 *  grid's first beat at 3.0 s, then eighth-note lines with two double stops (two notes lost). */
function pickupSolo(): Uint8Array {
  const line: [number, number, number][] = [
    [58, 1.5, 0.4],
    [62, 2.0, 0.4],
    [65, 2.5, 0.4],
  ];
  const pitches = [70, 69, 67, 65, 63, 62, 60, 62, 63, 65, 67, 69, 70, 72, 74, 72, 70, 69, 67, 65];
  pitches.forEach((p, i) => line.push([p, 3.0 + i * 0.25, 0.2]));
  line.push([58, 3.0, 0.2], [62, 4.0, 0.2]); // double stops under the line's notes
  return buildSmf(0, 1000, [[{ tick: 0, kind: 'tempo', bpm: 60 }, ...notes(1000, line)]]);
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'licklab-e2e-corpus-'));
  upload = path.join(dataDir, 'upload-src', 'honest');
  mkdirSync(upload, { recursive: true });
  writeFileSync(path.join(upload, 'pickup-solo.mid'), pickupSolo());
  writeFileSync(path.join(upload, 'pickup-solo.csv'), grid());
  writeFileSync(path.join(upload, 'band.mid'), band.bytes);
  // Three of the project's own etudes, so a run has enough to train on.
  copyEtudes(upload, /^blues-0[1-3]/);
  ({ studio, browser, page, pageErrors } = await openStudioPage(dataDir));
});

afterAll(async () => {
  await closeStudioPage({ studio, browser }, dataDir);
});

const fileRow = (name: string) => page.locator('[data-testid="corpus-table"] tr', { has: page.locator(`td.name:text-is("${name}")`) });
const detailsOf = (name: string) => fileRow(name).locator('xpath=following-sibling::tr[1]').getByTestId('corpus-details');

describe('honest corpus panel', () => {
  it('explains the pickup warning and shows the flag of a solo that lost notes', async () => {
    await page.goto(studio.url);
    await page.getByRole('tab', { name: 'Training' }).click();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByTestId('corpus-empty').waitFor({ timeout: 60_000 });
    await page.getByTestId('upload-folder').setInputFiles(upload);
    await expect.poll(() => page.locator('[data-testid="corpus-table"] tr[data-status="ok"]').count(), { timeout: 60_000 }).toBe(5);

    const pickup = fileRow('pickup-solo.mid');
    expect(await pickup.getByTestId('corpus-status').textContent()).toMatch(/^ok · notes lost · 2 warnings/);
    expect(await page.getByTestId('corpus-table').textContent()).not.toContain('⚠');
    await pickup.getByTestId('corpus-more').click();
    const details = detailsOf('pickup-solo.mid');
    await details.waitFor();
    const flag = details.getByTestId('corpus-flags');
    expect(await flag.textContent()).toContain('notes lost');
    expect(await flag.textContent()).toContain("2 of the part's 25 notes (8%) could not be kept in one line");
    const warnings = await details.getByTestId('corpus-warnings').textContent();
    expect(warnings).toContain("3 note(s) before the grid's first beat kept in 1 pickup bar(s) before bar 1 (no chord)");
    expect(warnings).toContain(
      'The solo starts before the first beat the beat grid marks. Those 3 notes were kept in a pickup bar before bar 1',
    );
    expect(warnings).toContain('2 note(s) dropped to make one line');
    expect(warnings).toContain('The model learns one note at a time. 2 notes landed on the same spot as another note');
    expect(await details.textContent()).toContain('23 of 25 notes kept');
    expect(await details.getByTestId('track-pick').count()).toBe(0); // one part: nothing to pick
    await details.scrollIntoViewIfNeeded();
    await screenshot(page, 'corpus-warning');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('a band file lists its parts; picking another re-imports it with that part, flagged', async () => {
    const row = fileRow('band.mid');
    expect(await row.locator('td').nth(2).textContent()).toBe('0 "Track 2" (ch 1)');
    expect(Number(await row.locator('td.num').textContent())).toBeLessThanOrEqual(band.leadNotes);
    await row.getByTestId('corpus-more').click();
    const details = detailsOf('band.mid');
    const pick = details.getByTestId('track-pick');
    const options = await pick.locator('option').allTextContents();
    expect(options[0]).toBe("the importer's choice");
    expect(options).toContain(`1 · French Horn: ${band.hornNotes} notes, plays in 25% of the tune, 0% in chords`);
    expect(options.some((o) => /^0 · Track 2: \d+ notes, plays in 94% of the tune/.test(o))).toBe(true);
    expect(options.some((o) => o.includes('Drums'))).toBe(false);

    await pick.selectOption('1');
    await expect.poll(() => row.locator('td').nth(2).textContent(), { timeout: 60_000 }).toBe('1 "French Horn" (ch 2) (picked)');
    expect(Number(await row.locator('td.num').textContent())).toBe(band.hornNotes);
    expect(await row.getByTestId('corpus-status').textContent()).toMatch(/^ok · part plays little/);
    expect(await details.getByTestId('corpus-flags').textContent()).toContain('The part taken as the solo plays in only 25% of the tune');
    expect(await details.textContent()).toContain('Solo part: track 1 "French Horn" (ch 2), as you picked it');
    expect(await pick.inputValue()).toBe('1');
    await details.scrollIntoViewIfNeeded();
    await screenshot(page, 'corpus-track-pick');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('"Leave out of training" keeps the file listed and training skips it', async () => {
    const details = detailsOf('band.mid');
    await details.getByTestId('leave-out').click();
    await expect.poll(() => page.getByTestId('corpus-totals').textContent(), { timeout: 60_000 }).toContain('1 left out of training');
    expect(await page.getByTestId('corpus-totals').textContent()).toMatch(/^\s*4 of 4 files usable/);
    expect(await fileRow('band.mid').getByTestId('corpus-status').textContent()).toMatch(/^left out · part plays little/);
    expect(await details.getByTestId('take-back').count()).toBe(1);

    const started = await studio.request('train:start', {
      preset: 'custom',
      hyperparameters: { units: 8, layers: 1, window: 16, batchSize: 8, epochs: 1, dropout: 0 },
      devFraction: 0.25,
      sampleEvery: 0,
      panelEvery: 0,
    });
    expect(started.error).toBeUndefined();
    const { trainFiles, devFiles } = started.result as { trainFiles: number; devFiles: number };
    expect(trainFiles + devFiles).toBe(4); // the band file is not among them
    await expect
      .poll(async () => ((await studio.request('train:status')).result as { running: boolean }).running, { timeout: 150_000 })
      .toBe(false);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
