// End to end in real Chromium against the real backend: continue a phrase and trade bars.
// A primer from a take (⤳: its last 2 bars) and from bars dragged over on the roll's ruler each
// give a take that opens with exactly those notes, continues after them, and shows the primer
// region; a sweep keeps the primer at every temperature. Web MIDI through a page-injected
// navigator.requestMIDIAccess (addInitScript) that sends note on/off at planned times: a recording
// after the count-in is quantized to the grid and becomes the primer; one round of a trade is
// answered by a take whose answer lies in the bars after the call. No Web MIDI: a clear message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { collectPageErrors, launchChromium, screenshot, startStudio, type RunningStudio } from './helpers';
import type { Note, TakeList, TakeRecord } from '../../api/takes';
import { installFakeMidi, type PlannedNote } from './fake-midi';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'licklab-continue-e2e-'));
let studio: RunningStudio;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

type Phrase = { notes: Note[]; ticks: number; bars: number };
type Hooks = {
  studio: {
    current(): TakeRecord | null;
    primer(): { origin: string; request: { phrase: Phrase } } | null;
    livePlan(): { originMs: number; msPerBeat: number } | null;
  };
  roll: {
    fitAll(): void;
    redrawNow(): number;
    barOnRuler(bar: number): { x: number; y: number } | null;
    getDrawn(): { notes: (Note & { isPrimer: boolean })[] };
  };
};
/** Evaluate an expression over the page's inspection handles (`L` is window.__licklab). */
const inPage = <T>(expr: string, p: Page = page): Promise<T> =>
  p.evaluate(`(() => { const L = window.__licklab; return ${expr}; })()`) as Promise<T>;

async function listTakes(): Promise<TakeRecord[]> {
  const reply = await studio.request('take:list');
  expect(reply.ok, reply.error).toBe(true);
  return (reply.result as TakeList).takes;
}

const strip = (ns: Note[]) => ns.map(({ pitch, start, dur, velocity }) => ({ pitch, start, dur, velocity }));

/** Notes starting in bars [from, to) of a take, from the first bar line (humanized: off the grid). */
function barsOf(t: TakeRecord, from: number, to: number): Note[] {
  const start = t.bars[from].start;
  const end = to < t.bars.length ? t.bars[to].start : t.bars[t.bars.length - 1].start + 48;
  return t.notes.filter((n) => n.start >= start && n.start < end).map((n) => ({ ...n, start: n.start - start }));
}

/** The primer is those notes put back on the grid: same pitches in order, each within a tick and a half. */
function expectOnGridOf(primer: Note[], played: Note[]): void {
  expect(primer.map((n) => n.pitch)).toEqual(played.map((n) => n.pitch));
  primer.forEach((n, i) => {
    expect(Math.abs(n.start - played[i].start)).toBeLessThanOrEqual(1.5);
    expect(Number.isInteger(n.start) && Number.isInteger(n.dur)).toBe(true);
  });
}

async function generateAndWait(before: number): Promise<TakeRecord> {
  await page.getByTestId('generate').click();
  await expect.poll(async () => Number(await page.getByTestId('take-count').textContent()), { timeout: 90_000 }).toBe(before + 1);
  return (await listTakes())[0];
}

/** The continuation keeps the primer's notes unchanged and continues after them; the roll marks them. */
async function expectContinuation(t: TakeRecord, primer: Note[], primerTicks: number): Promise<void> {
  expect(t.primer).toMatchObject({ start: 0, end: primerTicks, notes: primer.length });
  expect(strip(t.notes.slice(0, primer.length))).toEqual(primer);
  const rest = t.notes.slice(primer.length);
  expect(rest.length).toBeGreaterThan(3);
  expect(rest.every((n) => n.start >= primerTicks - 1)).toBe(true); // humanized timing: a tick at most
  await expect.poll(() => page.getByTestId('current-take').getAttribute('data-take-id')).toBe(t.id);
  const drawn = await page.evaluate(() => {
    const r = (window as unknown as { __licklab: Hooks }).__licklab.roll;
    r.fitAll();
    r.redrawNow();
    return r.getDrawn().notes.map((n) => ({ start: n.start, isPrimer: n.isPrimer }));
  });
  expect(drawn.filter((n) => n.isPrimer).length).toBe(primer.length);
  expect(drawn.slice(0, primer.length).every((n) => n.isPrimer)).toBe(true);
}

beforeAll(async () => {
  studio = await startStudio({ env: { LICKLAB_DATA_DIR: dataDir } });
  browser = await launchChromium({ autoplay: true });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await installFakeMidi(page);
  pageErrors = collectPageErrors(page);
  await page.goto(studio.url);
  await page.getByTestId('take-count').waitFor({ timeout: 60_000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await studio?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('continue a phrase, record from MIDI, trade bars (Chromium, real backend)', () => {
  it('continues the last 2 bars of a take: its notes unchanged, the continuation after them', async () => {
    await page.getByTestId('seed').fill('11');
    await page.getByTestId('seed-lock').click();
    const first = await generateAndWait(0);
    await page.getByTestId('primer-bars').selectOption('2');
    await page.getByTestId('continue-take').first().click();
    await expect.poll(() => page.getByTestId('primer-status').getAttribute('data-origin')).toBe('take');
    const reached = Math.max(...first.notes.map((n) => first.bars.findLastIndex((b) => b.start <= n.start))) + 1;
    const primer = (await inPage<ReturnType<Hooks['studio']['primer']>>('L.studio.primer()'))!.request.phrase.notes;
    expectOnGridOf(primer, barsOf(first, reached - 2, reached));
    const next = await generateAndWait(1);
    await expectContinuation(next, primer, 96);
    await screenshot(page, 'continue-from-take');
  }, 180_000);

  it('continues bars selected on the ruler; a sweep keeps them at every temperature', async () => {
    const shown = (await inPage<TakeRecord | null>('L.studio.current()'))!;
    const a = (await inPage<{ x: number; y: number } | null>('L.roll.barOnRuler(2)'))!;
    const b = (await inPage<{ x: number; y: number } | null>('L.roll.barOnRuler(3)'))!;
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('primer-status').getAttribute('data-origin')).toBe('selection');
    await expect.poll(() => page.getByTestId('primer-status').textContent()).toContain('bars 3-4 of');
    const primer = (await inPage<ReturnType<Hooks['studio']['primer']>>('L.studio.primer()'))!.request.phrase.notes;
    expect(primer.length).toBeGreaterThan(0);
    expectOnGridOf(primer, barsOf(shown, 2, 4));
    await screenshot(page, 'continue-selection-made');
    const before = (await listTakes()).length;
    await page.getByTestId('sweep').click();
    await expect.poll(async () => (await listTakes()).length, { timeout: 120_000 }).toBe(before + 5);
    const sweep = (await listTakes()).slice(0, 5);
    for (const t of sweep) expect(strip(t.notes.slice(0, primer.length))).toEqual(primer);
    expect(new Set(sweep.map((t) => JSON.stringify(t.notes.slice(primer.length)))).size).toBeGreaterThan(2);
    await page.getByTestId('sweep-take').nth(2).click();
    await expectContinuation(
      sweep.find((t) => t.settings.temperature === 0.8)!,
      primer,
      96,
    );
    await screenshot(page, 'continue-from-selection');
    await page.getByTestId('primer-clear').click();
  }, 240_000);

  // At 200 bpm (300 ms beats): played a little early or late, each note lands on its beat or eighth.
  const played: PlannedNote[] = [
    { pitch: 65, beat: 0, beats: 0.5, jitterMs: -18 },
    { pitch: 69, beat: 0.5, beats: 0.5, jitterMs: 12 },
    { pitch: 72, beat: 1, beats: 1, jitterMs: 20 },
    { pitch: 70, beat: 2.5, beats: 0.5, jitterMs: -10 },
    { pitch: 67, beat: 4, beats: 2, jitterMs: 15 },
  ];
  const quantized = [
    { pitch: 65, start: 0, dur: 6, velocity: 96 },
    { pitch: 69, start: 6, dur: 6, velocity: 96 },
    { pitch: 72, start: 12, dur: 12, velocity: 96 },
    { pitch: 70, start: 30, dur: 6, velocity: 96 },
    { pitch: 67, start: 48, dur: 24, velocity: 96 },
  ];

  it('records from a MIDI keyboard after a count-in, quantized to the grid, and continues it', async () => {
    await page.getByLabel('Tempo').fill('200');
    await page.getByTestId('midi-refresh').click();
    await expect.poll(() => page.getByTestId('midi-input').textContent()).toContain('LickLab Virtual Keys');
    expect(await page.evaluate(() => (window as unknown as { __fakeMidiAsked: unknown }).__fakeMidiAsked)).toEqual({ sysex: false });
    await page.getByTestId('primer-bars').selectOption('2');
    await page.getByTestId('midi-record').click();
    expect(await page.getByTestId('live-status').getAttribute('data-phase')).toBe('count-in');
    const plan = (await inPage<{ originMs: number; msPerBeat: number } | null>('L.studio.livePlan()'))!;
    expect(plan.msPerBeat).toBe(300);
    await page.evaluate(
      ([notes, p]) =>
        (window as unknown as { __fakeMidi: { play(n: unknown, o: number, b: number): void } }).__fakeMidi.play(
          notes,
          p.originMs,
          p.msPerBeat,
        ),
      [played, plan] as const,
    );
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-phase'), { timeout: 10_000 }).toBe('recording');
    await expect.poll(() => page.getByTestId('primer-status').getAttribute('data-origin'), { timeout: 15_000 }).toBe('midi');
    expect(await page.getByTestId('live-status').textContent()).toContain('Recorded 5 notes on the grid');
    expect((await inPage<ReturnType<Hooks['studio']['primer']>>('L.studio.primer()'))!.request.phrase).toEqual({
      notes: quantized,
      ticks: 96,
      bars: 2,
    });
    const before = (await listTakes()).length;
    const t = await generateAndWait(before);
    await expectContinuation(t, quantized, 96);
    await screenshot(page, 'midi-record');
  }, 180_000);

  it('trades 2 bars: the call recorded from MIDI, the answer a take in the next 2 bars', async () => {
    await page.getByTestId('primer-clear').click();
    await page.getByLabel('Tempo').fill('240');
    const before = (await listTakes()).length;
    await page.getByTestId('trade-start').click();
    // The band starts (samples load, one bar of count-in clicks), then the calls fall on its bars.
    await expect.poll(() => inPage<{ msPerBeat: number } | null>('L.studio.livePlan()'), { timeout: 30_000 }).not.toBeNull();
    const plan = (await inPage<{ originMs: number; msPerBeat: number } | null>('L.studio.livePlan()'))!;
    expect(plan.msPerBeat).toBe(250);
    expect(await inPage('L.studio.lastPlayOptions()')).toMatchObject({
      tempo: 240,
      countIn: true,
      comp: true,
      bass: true,
      loop: { start: 0, end: 576 },
    });
    // The band's playhead and the trade's clock agree on where the first downbeat is (within a sixteenth).
    await page.waitForTimeout(Math.max(0, plan.originMs - (await page.evaluate(() => performance.now())) + 600));
    const [head, now] = await page.evaluate(() => [
      (window as unknown as { __licklab: { studio: { playhead(): number | null } } }).__licklab.studio.playhead(),
      performance.now(),
    ]);
    expect(Math.abs(head! - ((now - plan.originMs) / plan.msPerBeat) * 12)).toBeLessThanOrEqual(3);
    await page.evaluate(
      ([notes, p]) =>
        (window as unknown as { __fakeMidi: { play(n: unknown, o: number, b: number): void } }).__fakeMidi.play(
          notes,
          p.originMs,
          p.msPerBeat,
        ),
      [played, plan] as const,
    );
    await expect.poll(() => page.getByTestId('live-status').textContent(), { timeout: 30_000 }).toMatch(/Round 1 answered: \d+ notes/);
    const answer = (await listTakes())[0];
    expect((await listTakes()).length).toBe(before + 1);
    expect(answer.primer).toEqual({ start: 0, end: 96, bars: 2, notes: 5 });
    expect(answer.name).toBe('Trade answer 1 · bars 3-4');
    expect(strip(answer.notes.slice(0, 5))).toEqual(quantized);
    const reply = answer.notes.slice(5);
    expect(reply.length).toBeGreaterThan(0);
    // The answer sits in the 2 bars after the call (humanized timing may move a note by a tick).
    expect(reply.every((n) => n.start >= 95 && n.start < 192)).toBe(true);
    expect(answer.bars).toHaveLength(4);
    await expect.poll(() => page.getByTestId('current-take').getAttribute('data-take-id')).toBe(answer.id);
    await screenshot(page, 'trade');
    await page.getByTestId('live-stop').click();
    expect(await page.getByTestId('live-status').textContent()).toBe('Trade stopped.');
    expect(await inPage('L.studio.playhead()')).toBeNull(); // the band stopped with it
  }, 120_000);

  it('says so when the browser has no Web MIDI', async () => {
    const bare = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await bare.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'requestMIDIAccess', { value: undefined, configurable: true }),
    );
    await bare.goto(studio.url);
    await bare.getByTestId('midi-refresh').click();
    await expect.poll(() => bare.getByTestId('midi-problem').textContent()).toContain('This browser has no Web MIDI');
    expect(await bare.getByTestId('midi-record').isDisabled()).toBe(true);
    await bare.close();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
