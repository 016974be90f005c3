// Real Chromium: the piano roll and the player in a built page (no mocks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { collectPageErrors } from '../e2e/helpers';
import { PROJECT_ROOT, buildHarness, launchChromium, removeDir, serveDir } from './harness-server';

const RESULTS = join(PROJECT_ROOT, 'test-results');

type Roll = {
  getDrawn(): { count: number; notes: Array<{ pitch: number; start: number; dur: number }> };
  fitAll(): void;
  noteCenter(n: { pitch: number; start: number }): { x: number; y: number } | null;
  redrawNow(): number;
  getViewport(): { tick0: number; pxPerTick: number };
};
declare global {
  interface Window {
    harnessReady?: boolean;
    harness: {
      take: { notes: Array<{ pitch: number; start: number; dur: number }> };
      play(opts?: object): Promise<void>;
      stop(): void;
      position(): number | null;
      load(): Promise<void>;
      renderSmall(
        seconds: number,
        opts?: object,
      ): Promise<{ peak: number; rms: number; seconds: number; channels: number; ms: number; sampleRate: number }>;
      renderLoud(seconds: number, opts?: object): Promise<{ peak: number; rms: number; levels: Record<string, number> }>;
    };
  }
}

let browser: Browser;
let page: Page;
let dir = '';
let server: { url: string; close(): Promise<void> } | null = null;
let pageErrors: string[] = [];

const roll = (p: Page) => p.locator('[data-testid=pianoroll]');
const rollEval = <T>(fn: (r: Roll) => T) =>
  page.evaluate((src) => {
    const r = (window as unknown as { __licklab: { roll: Roll } }).__licklab.roll;
    return new Function('r', `return (${src})(r)`)(r);
  }, fn.toString()) as Promise<T>;

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  dir = await buildHarness();
  server = await serveDir(dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1240, height: 680 }, deviceScaleFactor: 1 });
  // Failed loads show up below as responses with their URL; the console's copy of them says less.
  pageErrors = collectPageErrors(page, (text) => text.startsWith('Failed to load resource'));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) pageErrors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${server.url}?inspect`);
  await page.waitForFunction(() => window.harnessReady === true);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=pianoroll]')?.getAttribute('data-drawn-count')) > 0);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) removeDir(dir);
});

describe('piano roll in Chromium', () => {
  it('draws the opening bars of a 5,000-note take and looks right (screenshot)', async () => {
    expect(await roll(page).getAttribute('data-total-notes')).toBe('5000');
    const drawn = await rollEval((r) => r.getDrawn());
    expect(drawn.count).toBeGreaterThan(50);
    expect(drawn.count).toBeLessThan(400); // the first 16 bars, culled
    await roll(page).screenshot({ path: join(RESULTS, 'pianoroll.png') });
    expect(pageErrors).toEqual([]);
  });

  it("shows exactly the take's notes when fitted to the whole take", async () => {
    await rollEval((r) => r.fitAll());
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const drawn = await rollEval((r) => r.getDrawn());
    const take = await page.evaluate(() => window.harness.take.notes.map((n) => `${n.pitch}@${n.start}/${n.dur}`));
    expect(drawn.count).toBe(5000);
    expect(drawn.notes.map((n) => `${n.pitch}@${n.start}/${n.dur}`).sort()).toEqual(take.sort());
    expect(await roll(page).getAttribute('data-drawn-count')).toBe('5000');
    await roll(page).screenshot({ path: join(RESULTS, 'pianoroll-full.png') });
  });

  it('measures a full-view 5,000-note redraw', async () => {
    const times = await page.evaluate(() => {
      const r = (window as unknown as { __licklab: { roll: Roll } }).__licklab.roll;
      r.fitAll();
      for (let i = 0; i < 5; i++) r.redrawNow(); // warm-up (JIT, glyph caches)
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push(r.redrawNow());
      return out;
    });
    const sorted = times.slice().sort((a, b) => a - b);
    console.log(
      `[pianoroll] full-view 5,000-note redraw: median ${sorted[15].toFixed(2)} ms, p90 ${sorted[27].toFixed(2)} ms, max ${sorted[29].toFixed(2)} ms (30 frames after 5 warm-up, 1200x~520 css px, all 5,000 notes visible)`,
    );
    console.log(`[pianoroll] frames: ${times.map((t) => t.toFixed(1)).join(' ')}`);
    expect(times.every((t) => t >= 0)).toBe(true);
  });

  it('zooms in with ctrl+wheel and shows hover details of a note', async () => {
    await page.reload();
    await page.waitForFunction(
      () => window.harnessReady === true && Number(document.querySelector('[data-testid=pianoroll]')?.getAttribute('data-drawn-count')) > 0,
    );
    const before = await rollEval((r) => r.getViewport().pxPerTick);
    const box = (await roll(page).boundingBox())!;
    await page.mouse.move(box.x + 300, box.y + 200);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await page.waitForFunction((b) => {
      const r = (window as unknown as { __licklab: { roll: Roll } }).__licklab.roll;
      return r.getViewport().pxPerTick > b;
    }, before);
    // note 20 of the take: find it on screen
    const target = await page.evaluate(() => window.harness.take.notes[20]);
    const c = await page.evaluate((n) => {
      const r = (window as unknown as { __licklab: { roll: Roll } }).__licklab.roll;
      return r.noteCenter(n);
    }, target);
    expect(c).not.toBeNull();
    await page.mouse.move(c!.x, c!.y);
    const tip = page.locator('[data-testid=pianoroll-tip]');
    await tip.waitFor();
    const text = (await tip.textContent()) ?? '';
    const bar = Math.floor(target.start / 48) + 1;
    expect(text).toContain(`bar ${bar}.`);
    expect(text).toMatch(/over (F7|Bb7|Cm7|Bdim7|D7|Gm7|C7)/);
    expect(text).toMatch(/chord tone|tension|approach|outside/);
    await page.screenshot({ path: join(RESULTS, 'pianoroll-hover.png') });
  });

  it('calls onnoteclick with the clicked note (and the page plays it)', async () => {
    await page.getByTestId('start-audio').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=audio-state]')?.textContent === 'running');
    const target = await page.evaluate(() => window.harness.take.notes[20]);
    const c = await page.evaluate((n) => {
      const r = (window as unknown as { __licklab: { roll: Roll } }).__licklab.roll;
      return r.noteCenter(n);
    }, target);
    await page.mouse.click(c!.x, c!.y);
    await page.waitForFunction(() => document.querySelector('[data-testid=clicked]')?.textContent !== '');
    expect(await page.getByTestId('clicked').textContent()).toBe(`${target.pitch}@${target.start}`);
  });
});

describe('player in Chromium', () => {
  it('plays: the playhead advances and the roll follows it', async () => {
    await page.evaluate(() => window.harness.play({ comp: true, bass: true, swing: 0.6 }));
    await page.waitForTimeout(400);
    const p1 = await page.evaluate(() => window.harness.position());
    await page.waitForTimeout(1200);
    const p2 = await page.evaluate(() => window.harness.position());
    await roll(page).screenshot({ path: join(RESULTS, 'pianoroll-playing.png') });
    expect(p1).not.toBeNull();
    expect(p2!).toBeGreaterThan(p1!);
    // 1.2 s at 160 bpm is 3.2 beats = 38 ticks
    expect(p2! - p1!).toBeGreaterThan(25);
    expect(p2! - p1!).toBeLessThan(60);
    const shown = Number(await page.getByTestId('playhead').textContent());
    expect(shown).toBeGreaterThan(0);
    await page.evaluate(() => window.harness.stop());
    expect(await page.evaluate(() => window.harness.position())).toBeNull();
  });

  it("turns the roll's page when the playhead leaves the view", async () => {
    const startTick = 48 * 15 + 24; // bar 16, beat 3: near the right edge of the opening view
    const before = await rollEval((r) => r.getViewport().tick0);
    expect(before).toBe(0);
    await page.evaluate((t) => window.harness.play({ startTick: t, comp: false }), startTick);
    await page.waitForFunction(() => {
      const r = (window as unknown as { __licklab: { roll: Roll } }).__licklab.roll;
      return r.getViewport().tick0 > 0;
    });
    const v = await rollEval((r) => r.getViewport());
    const pos = (await page.evaluate(() => window.harness.position()))!;
    expect(pos).toBeGreaterThan(startTick - 1);
    expect(v.tick0).toBeLessThan(pos); // the playhead is on the new page
    await roll(page).screenshot({ path: join(RESULTS, 'pianoroll-followed.png') });
    await page.evaluate(() => window.harness.stop());
  });

  it('counts in, then loops a region', async () => {
    // one bar at 160 bpm = 1.5 s; count-in = 1 bar
    await page.evaluate(() => window.harness.play({ countIn: true, loop: { start: 96, end: 144 }, comp: false }));
    const samples: number[] = [];
    for (let i = 0; i < 24; i++) {
      samples.push((await page.evaluate(() => window.harness.position()))!);
      await page.waitForTimeout(150);
    }
    await page.evaluate(() => window.harness.stop());
    console.log(`[player] count-in + loop playhead samples: ${samples.map((x) => x.toFixed(0)).join(' ')}`);
    expect(samples[0]).toBeLessThan(96); // still counting in before the loop start
    const inLoop = samples.filter((x) => x >= 96);
    expect(inLoop.length).toBeGreaterThan(10);
    expect(Math.max(...inLoop)).toBeLessThan(144 + 1e-6);
    const wrapped = samples.some((x, i) => i > 0 && samples[i - 1] >= 96 && x < samples[i - 1] - 10);
    expect(wrapped).toBe(true);
  });

  it('synthesizes an audible count-in click', async () => {
    const click = await page.evaluate(() => window.harness.renderSmall(0.4, { countIn: true, comp: false }));
    console.log(`[player] count-in click (first 0.4 s): rms ${click.rms.toFixed(4)}, peak ${click.peak.toFixed(3)}`);
    expect(click.peak).toBeGreaterThan(0.05); // only the first click sounds in the first 0.4 s
    expect(click.rms).toBeGreaterThan(0.0005);
    expect(click.peak).toBeLessThan(1);
  });

  it('renders a 4-bar take offline: audible and never clipping', async () => {
    const plain = await page.evaluate(() => window.harness.renderSmall(8.5, { comp: true, bass: true, swing: 1 }));
    console.log(
      `[player] offline 4 bars + tail: rms ${plain.rms.toFixed(4)}, peak ${plain.peak.toFixed(3)}, ${plain.seconds}s @ ${plain.sampleRate} Hz, rendered in ${plain.ms.toFixed(0)} ms`,
    );
    expect(plain.seconds).toBeCloseTo(8.5, 1);
    expect(plain.rms).toBeGreaterThan(0.01);
    expect(plain.peak).toBeLessThan(1);
    expect(plain.peak).toBeGreaterThan(0.05);
    const soloOnly = await page.evaluate(() => window.harness.renderSmall(8.5, { comp: false }));
    expect(soloOnly.rms).toBeGreaterThan(0.005);
    expect(soloOnly.rms).toBeLessThan(plain.rms); // comp and bass add energy
    expect(pageErrors).toEqual([]);
  });

  it('does not clip even with every level at maximum on a dense take', async () => {
    const loud = await page.evaluate(() => window.harness.renderLoud(10, { comp: true, bass: true, countIn: true }));
    console.log(`[player] max levels ${JSON.stringify(loud.levels)}: rms ${loud.rms.toFixed(4)}, peak ${loud.peak.toFixed(3)}`);
    expect(loud.levels.master).toBe(-1);
    expect(loud.rms).toBeGreaterThan(0.02);
    expect(loud.peak).toBeLessThan(1);
  });

  it('bundles every minor-third Salamander sample under a URL-safe name', () => {
    const files = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.mp3'));
    expect(files).toHaveLength(30);
    expect(files.some((f) => f.startsWith('piano-Ds4v10'))).toBe(true);
    expect(files.every((f) => !f.includes('#'))).toBe(true);
  });
});
