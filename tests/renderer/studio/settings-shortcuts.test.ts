import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, generateRequest, nextSeed, previewChanges, sweepRequest } from '../../../renderer/studio/generate-settings';
import { actionFor, SHORTCUTS } from '../../../renderer/studio/shortcuts';
import { generateCheck, sweepCheck } from '../../../api/channels/studio';

describe('generate settings', () => {
  it('builds requests the contract accepts, for a form and for a chart', () => {
    const form = generateRequest(DEFAULT_SETTINGS, 42);
    expect(form).toEqual({
      source: { kind: 'form', form: 'blues', key: 'F' },
      choruses: 1,
      topP: 0.95,
      seed: 42,
      tempo: 160,
      swing: 0.5,
      instrument: 'piano',
      humanize: 0.3,
      temperature: 0.8,
    });
    expect(generateCheck({ ...form, instrument: 'banjo' }, 'p')).toMatch(/instrument/);
    expect(generateCheck(form, 'p')).toBeNull();
    const chart = sweepRequest({ ...DEFAULT_SETTINGS, sourceKind: 'chart', lengthMode: 'bars', bars: 8 }, 1);
    expect(chart).toMatchObject({ source: { kind: 'chart', chart: DEFAULT_SETTINGS.chart }, bars: 8 });
    expect(sweepCheck(chart, 'p')).toBeNull();
  });

  it('lays out the changes the panel is set to (the empty roll shows them)', () => {
    const blues = previewChanges(DEFAULT_SETTINGS)!;
    expect(blues.bars).toHaveLength(12);
    expect(blues.chords[0].symbol).toBe('F7');
    expect(previewChanges({ ...DEFAULT_SETTINGS, form: 'jazz-waltz', key: 'Bb', lengthMode: 'bars', bars: 4 })!.bars).toEqual(
      [0, 36, 72, 108].map((start) => ({ start, beats: 3 })),
    );
    expect(previewChanges({ ...DEFAULT_SETTINGS, sourceKind: 'chart', chart: '| Xq7 |' })).toBeNull();
  });

  it('keeps a locked seed and re-rolls an unlocked one', () => {
    expect(nextSeed({ ...DEFAULT_SETTINGS, seed: 7, seedLocked: true })).toBe(7);
    expect(nextSeed({ ...DEFAULT_SETTINGS, seed: 7, seedLocked: false }, () => 0.5)).toBe(1_073_741_823);
  });
});

describe('shortcuts', () => {
  const body = { tagName: 'BODY' } as unknown as EventTarget;
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

  it('maps keys to actions, and every listed action has a key', () => {
    expect(actionFor(key(' '), body)).toBe('play');
    expect(actionFor(key('G'), body)).toBe('generate');
    expect(actionFor(key('s'), body)).toBe('sweep');
    expect(actionFor(key('?'), body)).toBe('help');
    expect(actionFor(key('ArrowDown'), body)).toBe('next');
    const reachable = new Set([
      'play',
      'generate',
      'sweep',
      'help',
      'close',
      'next',
      'prev',
      'flip-ab',
      'mark-a',
      'mark-b',
      'star',
      'export',
      'loop',
      'comp',
      'bass',
      'count-in',
      'fit',
    ]);
    for (const s of SHORTCUTS) expect(reachable.has(s.action)).toBe(true);
  });

  it('never fires while typing or with a modifier', () => {
    expect(actionFor(key('g'), { tagName: 'TEXTAREA' } as unknown as EventTarget)).toBeNull();
    expect(actionFor(key(' '), { tagName: 'INPUT', type: 'number' } as unknown as EventTarget)).toBeNull();
    expect(actionFor(key(' '), { tagName: 'INPUT', type: 'range' } as unknown as EventTarget)).toBe('play');
    // A focused slider keeps its arrow keys (tuning the temperature by keyboard).
    for (const k of ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'])
      expect(actionFor(key(k), { tagName: 'INPUT', type: 'range' } as unknown as EventTarget)).toBeNull();
    expect(actionFor(key('ArrowDown'), { tagName: 'BUTTON' } as unknown as EventTarget)).toBe('next');
    expect(actionFor(key('Escape'), { tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe('close');
    expect(actionFor(key('s', { ctrlKey: true }), body)).toBeNull();
  });
});
