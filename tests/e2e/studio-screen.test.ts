// End to end in real Chromium against the real backend (browser studio + trainer process): the empty
// roll shows the form's chords; generate over a blues form and see exactly those notes on the roll
// (played with varied velocities, the same in the exported file), the solo instrument changing both
// the voice heard and the file's program, a temperature sweep, playback moving
// the playhead, an offline render that is heard and does not clip, a MIDI download that parses back
// to the take's notes, inline chart validation, and takes that survive a restart of the studio.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import midiPkg from '@tonejs/midi';
import { collectPageErrors, launchChromium, screenshot, startStudio, type RunningStudio } from './helpers';
import type { TakeList, TakeRecord } from '../../api/takes';
import { readBack } from '../models/music/midi-readback';

const { Midi } = midiPkg;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'licklab-studio-e2e-'));
let studio: RunningStudio;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

type Drawn = { pitch: number; start: number; dur: number; velocity: number };
type Hook = {
  current(): TakeRecord | null;
  playhead(): number | null;
  lastPlayOptions(): { tempo: number; bass: boolean; instrument: string } | null;
  lastPlayed(): { instrument: string; voice: string; velocities: number[] } | null;
  renderOffline(s: number): Promise<{ peak: number; rms: number }>;
};
declare global {
  interface Window {
    __licklab?: {
      studio?: Hook;
      roll?: { fitAll(): void; redrawNow(): number; getDrawn(): { notes: Drawn[]; chords: { start: number; symbol: string }[] } };
    };
  }
}

const key = (n: Drawn) => `${n.start}:${n.pitch}:${n.dur}:${n.velocity}`;
const sortedKeys = (notes: Drawn[]) => notes.map(key).sort();

async function listTakes(): Promise<TakeList> {
  const reply = await studio.request('take:list');
  expect(reply.ok, reply.error).toBe(true);
  return reply.result as TakeList;
}

async function drawnNotes(p: Page): Promise<Drawn[]> {
  return p.evaluate(() => {
    const r = window.__licklab!.roll!;
    r.fitAll();
    r.redrawNow();
    return r.getDrawn().notes.map((n) => ({ pitch: n.pitch, start: n.start, dur: n.dur, velocity: n.velocity }));
  });
}

async function openStudio(): Promise<void> {
  await page.goto(studio.url);
  await page.getByTestId('take-count').waitFor({ timeout: 60_000 });
}

beforeAll(async () => {
  studio = await startStudio({ env: { LICKLAB_DATA_DIR: dataDir } });
  browser = await launchChromium({ autoplay: true });
  page = await browser.newPage({ viewport: { width: 1360, height: 820 }, acceptDownloads: true });
  pageErrors = collectPageErrors(page);
  await openStudio();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await studio?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The studio's export of the current take (the Save MIDI button's download), read back. */
async function downloadCurrent(name: string): Promise<ReturnType<typeof readBack>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-midi').click()]);
  const file = path.join(dataDir, name);
  await download.saveAs(file);
  return readBack(readFileSync(file));
}

describe('the studio screen against the real backend', () => {
  it('shows the chords of the chosen form on the empty roll before the first take', async () => {
    await page.getByTestId('roll-empty').waitFor();
    const chords = () => page.evaluate(() => window.__licklab!.roll!.getDrawn().chords.map((c) => c.symbol));
    await expect
      .poll(chords)
      .toEqual(['F7', 'Bb7', 'F7', 'Cm7', 'F7', 'Bb7', 'Bdim7', 'F7', 'Am7', 'D7', 'Gm7', 'C7', 'F7', 'D7', 'Gm7', 'C7']);
    await page.getByTestId('form-select').selectOption('jazz-waltz');
    expect(await page.getByTestId('form-select').evaluate((el: HTMLSelectElement) => el.selectedOptions[0].text)).toBe('Jazz waltz (3/4)');
    await expect.poll(async () => (await chords()).slice(0, 3)).toEqual(['Dm7', 'G7', 'Cmaj7']);
    await screenshot(page, 'studio-empty-roll-chords');
    await page.getByTestId('form-select').selectOption('blues');
  });

  it('generates over a blues form and the roll shows exactly the notes the backend returned', async () => {
    expect(await page.getByTestId('take-count').textContent()).toBe('0');
    await page.getByTestId('form-select').selectOption('blues');
    await page.getByRole('button', { name: /^Generate/ }).click();
    await page.getByTestId('take').first().waitFor({ timeout: 90_000 });
    const { takes } = await listTakes();
    expect(takes).toHaveLength(1);
    const take = takes[0];
    expect(take.title).toBe('12-bar blues in F');
    expect(take.bars).toHaveLength(12);
    expect(take.notes.length).toBeGreaterThan(10);
    // Played, not typed: the line has dynamics (and the panel's humanize, seeded by the take).
    expect(new Set(take.notes.map((n) => n.velocity)).size).toBeGreaterThan(3);
    expect(take.settings).toMatchObject({ instrument: 'piano', humanize: 0.3 });
    expect(take.key).toEqual({ tonic: 'F', mode: 'major' });
    await expect.poll(() => page.getByTestId('pianoroll').getAttribute('data-total-notes')).toBe(String(take.notes.length));
    const drawn = await drawnNotes(page);
    expect(drawn).toHaveLength(take.notes.length);
    expect(sortedKeys(drawn)).toEqual(sortedKeys(take.notes));
    expect(await page.getByTestId('current-take').getAttribute('data-take-id')).toBe(take.id);
    await screenshot(page, 'studio-take');
  });

  it('sweeps one seed at five temperatures, side by side', async () => {
    await page.getByTestId('sweep').click();
    await expect.poll(() => page.getByTestId('sweep-take').count(), { timeout: 120_000 }).toBe(5);
    const { takes } = await listTakes();
    const sweep = takes.filter((t) => t.sweepId);
    expect(sweep).toHaveLength(5);
    expect(new Set(sweep.map((t) => t.sweepId)).size).toBe(1);
    expect(new Set(sweep.map((t) => t.settings.seed)).size).toBe(1);
    expect(sweep.map((t) => t.settings.temperature).sort((a, b) => a - b)).toEqual([0.2, 0.5, 0.8, 1.2, 1.6]);
    const shown = await page.getByTestId('sweep-take').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-temperature'))));
    expect(shown).toEqual([0.2, 0.5, 0.8, 1.2, 1.6]);
    expect(await page.getByTestId('take-count').textContent()).toBe('6');
    // Pick the hottest one: the roll shows its notes.
    await page.getByTestId('sweep-take').nth(4).click();
    const hot = sweep.find((t) => t.settings.temperature === 1.6)!;
    await expect.poll(() => page.getByTestId('current-take').getAttribute('data-take-id')).toBe(hot.id);
    expect(sortedKeys(await drawnNotes(page))).toEqual(sortedKeys(hot.notes));
    await screenshot(page, 'studio-sweep');
    // On a small laptop screen the transport stays one row and roll + sweep fit without overflow.
    await page.setViewportSize({ width: 1280, height: 720 });
    try {
      await expect.poll(() => page.locator('.transport').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(60);
      const center = await page.locator('.studio .center').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
      expect(center.scroll).toBeLessThanOrEqual(center.client + 1);
      expect(await page.locator('.studio .center > .roll').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThanOrEqual(200);
      // The largest seed is readable in the narrower generate panel.
      await page.getByTestId('seed').fill('2147483646');
      expect(await page.getByTestId('seed').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await screenshot(page, 'studio-sweep-1280x720');
    } finally {
      await page.setViewportSize({ width: 1360, height: 820 });
    }
  });

  it('plays: the playhead advances over the roll, with the velocities of the take', async () => {
    // Clicking the sweep column above only put the take on the roll: nothing plays until Play.
    await page.waitForTimeout(300);
    expect(await page.getByTestId('play').getAttribute('aria-label')).toBe('Play');
    expect(await page.evaluate(() => window.__licklab!.studio!.playhead())).toBeNull();
    await page.getByTestId('play').click();
    await expect.poll(() => page.evaluate(() => window.__licklab!.studio!.playhead()), { timeout: 20_000 }).toBeGreaterThan(6);
    const first = (await page.evaluate(() => window.__licklab!.studio!.playhead()))!;
    await page.waitForTimeout(600);
    const later = (await page.evaluate(() => window.__licklab!.studio!.playhead()))!;
    expect(later).toBeGreaterThan(first);
    expect(await page.getByTestId('audio-problem').count()).toBe(0);
    // What went to the transport: the take's own velocities, note for note, on the piano samples.
    const take = (await page.evaluate(() => window.__licklab!.studio!.current()))!;
    const played = (await page.evaluate(() => window.__licklab!.studio!.lastPlayed()))!;
    expect(played).toMatchObject({ instrument: 'piano', voice: 'samples' });
    expect(played.velocities).toEqual([...take.notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch).map((n) => n.velocity));
    expect(new Set(played.velocities).size).toBeGreaterThan(3);
    // The transport applies while playing: the bass drops out and a new tempo is taken, no Stop needed.
    await page.getByRole('button', { name: 'Bass' }).click();
    await expect.poll(() => page.evaluate(() => window.__licklab!.studio!.lastPlayOptions()?.bass)).toBe(false);
    await page.getByLabel('Tempo').fill('132');
    await expect.poll(() => page.evaluate(() => window.__licklab!.studio!.lastPlayOptions()?.tempo)).toBe(132);
    expect(await page.getByTestId('play').getAttribute('aria-label')).toBe('Stop');
    await page.getByRole('button', { name: 'Bass' }).click();
    await page.getByLabel('Tempo').fill('160');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await screenshot(page, 'studio-playing');
    await page.keyboard.press('Space'); // the shortcut stops it
    await expect.poll(() => page.getByTestId('play').getAttribute('aria-label')).toBe('Play');
  });

  it('renders a take offline: not silent, never clipping', async () => {
    const stats = await page.evaluate(() => window.__licklab!.studio!.renderOffline(8));
    expect(stats.peak).toBeGreaterThan(0.02);
    expect(stats.rms).toBeGreaterThan(0.001);
    expect(stats.peak).toBeLessThan(1);
  });

  it('exports the take as a MIDI download that parses back to the same solo notes and velocities', async () => {
    const take = (await page.evaluate(() => window.__licklab!.studio!.current()))!;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-midi').click()]);
    expect(download.suggestedFilename()).toMatch(/\.mid$/);
    const file = path.join(dataDir, 'export.mid');
    await download.saveAs(file);
    const midi = new Midi(readFileSync(file));
    const solo = midi.tracks.find((t) => t.name === 'Solo')!;
    expect(solo).toBeTruthy();
    expect(midi.tracks.map((t) => t.name)).toEqual(['Solo', 'Chords', 'Bass']);
    const scale = midi.header.ppq / 12;
    const back = solo.notes.map((n) => ({
      pitch: n.midi,
      start: n.ticks / scale,
      dur: n.durationTicks / scale,
      velocity: Math.round(n.velocity * 127),
    }));
    expect(sortedKeys(back)).toEqual(sortedKeys(take.notes));
    expect(new Set(back.map((n) => n.velocity)).size).toBeGreaterThan(3);
    const read = readBack(readFileSync(file));
    expect(read.name).toBe(take.name);
    expect(read.tracks[0].program).toBe(0); // the piano that played it
    expect(read.markers.map((m) => m.text)).toEqual(take.chords.map((c) => c.symbol));
    expect(await page.getByTestId('save-note').textContent()).toContain('Downloaded');
  });

  it('the solo instrument changes what plays and what the file asks for', async () => {
    await page.getByTestId('instrument-select').selectOption('tenor');
    expect(await page.getByTestId('instrument-note').textContent()).toMatch(
      /Tenor sax: a synthesized stand-in here .* GM 67 Tenor Sax; .* Ab2–Eb5/s,
    );
    await page.getByTestId('generate').click();
    await expect.poll(async () => (await listTakes()).takes[0].settings.instrument, { timeout: 90_000 }).toBe('tenor');
    const tenor = (await listTakes()).takes[0];
    await expect.poll(() => page.getByTestId('current-take').getAttribute('data-take-id')).toBe(tenor.id);
    for (const n of tenor.notes) expect(n.pitch >= 44 && n.pitch <= 75, `pitch ${n.pitch} in a tenor's range`).toBe(true);
    expect(await page.getByTestId('take-instrument').inputValue()).toBe('tenor');
    await page.getByTestId('play').click();
    await expect.poll(() => page.evaluate(() => window.__licklab!.studio!.lastPlayed()?.instrument)).toBe('tenor');
    expect((await page.evaluate(() => window.__licklab!.studio!.lastPlayed()))!.voice).toBe('synth');
    const tenorSound = await page.evaluate(() => window.__licklab!.studio!.renderOffline(4));
    expect(tenorSound.peak).toBeGreaterThan(0.02);
    expect(tenorSound.peak).toBeLessThan(1);
    await screenshot(page, 'studio-tenor-playing');
    await page.getByTestId('play').click();
    expect((await downloadCurrent('tenor.mid')).tracks.map((t) => [t.name, t.program])).toEqual([
      ['Solo', 66],
      ['Chords', 0],
      ['Bass', 32],
    ]);
    // The same take on vibes: stored with it, heard and exported that way.
    await page.getByTestId('take-instrument').selectOption('vibes');
    await expect.poll(async () => (await listTakes()).takes.find((t) => t.id === tenor.id)?.settings.instrument).toBe('vibes');
    const vibesSound = await page.evaluate(() => window.__licklab!.studio!.renderOffline(4));
    expect(vibesSound.rms).not.toBeCloseTo(tenorSound.rms, 4);
    const vibes = await downloadCurrent('vibes.mid');
    expect([vibes.tracks[0].program, vibes.tracks[0].instrumentName]).toEqual([11, 'Vibraphone']);
    expect(vibes.tracks[0].notes.map((n) => n.velocity)).toEqual(
      [...tenor.notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch).map((n) => n.velocity),
    );
    await page.getByTestId('instrument-select').selectOption('piano');
  });

  it('underlines a bad chord symbol with its reason and disables Generate until it is fixed', async () => {
    // The Form / Chart choice is reachable by keyboard: Tab from the panel tabs, an arrow key switches.
    await page.getByRole('tab', { name: 'About' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('source-form');
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('chart-input').waitFor();
    const input = page.getByTestId('chart-input');
    await input.fill('| Dm7 | Xq7 G7 | Cmaj7 |');
    await expect.poll(() => page.getByTestId('chart-error-mark').textContent()).toBe('Xq7');
    expect(await page.getByTestId('chart-error-mark').getAttribute('title')).toMatch(/root/);
    expect(await page.getByTestId('chart-problems').textContent()).toMatch(/Bar 2: Xq7 — .*root/);
    expect(await page.getByTestId('generate').isDisabled()).toBe(true);
    expect(await page.getByTestId('sweep').isDisabled()).toBe(true);
    await screenshot(page, 'studio-bad-chart');
    await input.fill('| Dm7 | Em7 G7 | Cmaj7 |');
    await expect.poll(() => page.getByTestId('chart-error-mark').count()).toBe(0);
    expect(await page.getByTestId('generate').isDisabled()).toBe(false);
    await page.getByText('Form', { exact: true }).click();
  });

  it('offers a take for dragging out as a .mid file (DownloadURL in the browser)', async () => {
    const row = page.getByTestId('take').first();
    const id = (await row.getAttribute('data-take-id'))!;
    await row.hover(); // fetches the MIDI ahead: dragstart cannot wait for the backend
    await expect
      .poll(() =>
        row.evaluate((el) => {
          const dt = new DataTransfer();
          el.dispatchEvent(new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer: dt }));
          return dt.getData('DownloadURL');
        }),
      )
      .toMatch(/^audio\/midi:[^:]+\.mid:blob:http:\/\/127\.0\.0\.1:\d+\//);
    expect(id).toMatch(/^[a-z0-9-]+$/);
  });

  it('shows the backend message and keeps the takes when generation fails', async () => {
    const count = (await listTakes()).takes.length;
    // Point the studio at a broken model (as a bad pick in the model library would).
    const broken = path.join(dataDir, 'broken-model');
    mkdirSync(broken, { recursive: true });
    writeFileSync(path.join(broken, 'licklab.json'), '{ not json');
    writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ activeModel: broken }));
    try {
      await page.keyboard.press('g');
      const error = page.getByTestId('generate-error');
      await error.waitFor({ timeout: 60_000 });
      expect(await error.textContent()).toMatch(/^Generation failed: .+/);
      expect(await page.getByTestId('take-count').textContent()).toBe(String(count));
      expect((await listTakes()).takes.length).toBe(count);
      await screenshot(page, 'studio-generate-failed');
    } finally {
      rmSync(path.join(dataDir, 'settings.json'), { force: true });
    }
  });

  it('A/B: marks two takes and switches the roll between them with X', async () => {
    // (rows 1 and 2: row 0, the take on the roll, is neither, so X shows A first)
    const rows = page.getByTestId('take');
    const a = (await rows.nth(1).getAttribute('data-take-id'))!;
    const b = (await rows.nth(2).getAttribute('data-take-id'))!;
    await rows.nth(1).getByRole('button', { name: 'A', exact: true }).click();
    await rows.nth(2).getByRole('button', { name: 'B', exact: true }).click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('x');
    await expect.poll(() => page.getByTestId('current-take').getAttribute('data-take-id')).toBe(a);
    await page.keyboard.press('x');
    await expect.poll(() => page.getByTestId('current-take').getAttribute('data-take-id')).toBe(b);
    expect(await page.getByTestId('flip-ab').textContent()).toContain('B');
  });

  it('lists the shortcuts in a help overlay (?)', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const help = page.getByTestId('help-overlay');
    await help.waitFor();
    expect(await help.textContent()).toMatch(/Generate a take/);
    await screenshot(page, 'studio-help');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
  });

  it('keeps takes, names and stars across a restart of the studio server', async () => {
    const before = (await listTakes()).takes;
    const first = page.getByTestId('take').first();
    await first.getByRole('button', { name: /^Rename/ }).click();
    const name = page.getByRole('textbox', { name: 'Take name' });
    await name.fill('Keeper in F');
    await name.press('Enter');
    // Escape leaves a rename without saving it (the field's blur as it goes away must not save).
    const second = page.getByTestId('take').nth(1);
    const secondName = before[1].name;
    await second.getByRole('button', { name: /^Rename/ }).click();
    await page.getByRole('textbox', { name: 'Take name' }).fill('Not this');
    await page.getByRole('textbox', { name: 'Take name' }).press('Escape');
    await expect.poll(() => page.getByRole('textbox', { name: 'Take name' }).count()).toBe(0);
    await first.getByRole('button', { name: 'Star' }).click();
    await expect.poll(async () => (await listTakes()).takes.find((t) => t.id === before[0].id)?.starred).toBe(true);
    await page
      .getByRole('button', { name: /^Delete/ })
      .last()
      .click();
    await expect.poll(async () => (await listTakes()).takes.length).toBe(before.length - 1);

    await studio.stop();
    studio = await startStudio({ env: { LICKLAB_DATA_DIR: dataDir } });
    await openStudio();
    await expect.poll(() => page.getByTestId('take-count').textContent(), { timeout: 30_000 }).toBe(String(before.length - 1));
    const after = (await listTakes()).takes;
    const kept = after.find((t) => t.id === before[0].id)!;
    expect(kept.name).toBe('Keeper in F');
    expect(after.find((t) => t.id === before[1].id)?.name).toBe(secondName);
    expect(kept.starred).toBe(true);
    expect(kept.notes).toEqual(before[0].notes);
    await expect.poll(() => page.getByTestId('take').first().textContent()).toContain('Keeper in F');
    expect(pageErrors).toEqual([]);
  }, 120_000); // a restart of the studio and its trainer takes ~25 s on a busy 2-core machine
});
