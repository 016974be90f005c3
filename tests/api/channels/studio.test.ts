import { describe, expect, it } from 'vitest';
import { checkRequest } from '../../../api/contract';
import { MAX_TEMPERATURE } from '../../../models/lstm/sample';

const ok = { source: { kind: 'form', form: 'blues', key: 'F' }, temperature: 0.8, tempo: 160, swing: 0.5 };
const check = (channel: string, payload: unknown) => checkRequest(channel, payload, false);

describe('studio channel payloads', () => {
  it('accepts a form or a chart with sampling settings', () => {
    expect(check('take:generate', ok)).toBeNull();
    expect(
      check('take:generate', { ...ok, source: { kind: 'chart', chart: '| Dm7 G7 | Cmaj7 |' }, bars: 8, topP: 0.9, seed: 42 }),
    ).toBeNull();
    expect(check('take:sweep', { source: ok.source, choruses: 2, tempo: 120, swing: 0 })).toBeNull();
    expect(check('take:list', undefined)).toBeNull();
    expect(check('take:update', { id: 'mws2tu9g-d43f93f4', name: 'Keeper', starred: true })).toBeNull();
  });

  it('rejects bad settings with a sentence naming the field', () => {
    expect(check('take:generate', { ...ok, temperature: 3 })).toBe(
      `the payload of "take:generate".temperature must be above 0 and at most ${MAX_TEMPERATURE}, got 3`,
    );
    expect(check('take:generate', { ...ok, temperature: 0 })).toBe(
      'the payload of "take:generate".temperature must be above 0 and at most 2.5, got 0',
    );
    expect(check('take:generate', { ...ok, seed: 1.5 })).toBe('the payload of "take:generate".seed must be a whole number, got 1.5');
    expect(check('take:generate', { ...ok, topP: 0 })).toMatch(/topP must be at least/);
    expect(check('take:generate', { ...ok, bars: 0 })).toMatch(/bars must be at least 1/);
    expect(check('take:generate', { ...ok, model: '/tmp/x' })).toMatch(/unknown field "model"/);
    expect(check('take:generate', { ...ok, source: { kind: 'midi', path: '/etc' } })).toBe(
      'the payload of "take:generate".source.kind must be "form" or "chart", got "midi"',
    );
    expect(check('take:generate', { ...ok, source: { kind: 'chart', chart: '' } })).toMatch(/chart must have at least 1 characters/);
    expect(check('take:sweep', { ...ok })).toMatch(/unknown field "temperature"/);
  });

  it('accepts only take ids, never paths', () => {
    for (const channel of ['take:delete', 'take:midi', 'take:save-midi']) {
      expect(check(channel, { id: 'mws2tu9g-d43f93f4' })).toBeNull();
      expect(check(channel, { id: '../../etc/passwd' })).toMatch(/must be a take id/);
      expect(check(channel, { id: '/home/me/take.mid' })).toMatch(/must be a take id/);
      expect(check(channel, { id: 7 })).toMatch(/must be a take id/);
      expect(check(channel, { id: 'abcd', path: '/tmp' })).toMatch(/unknown field "path"/);
    }
    expect(check('take:update', { id: 'abcd', name: 'x'.repeat(121) })).toMatch(/name must have at most 120 characters/);
  });

  it('accepts exactly the temperatures the sampler accepts', () => {
    for (const t of [0.001, 0.05, 1, MAX_TEMPERATURE]) expect(check('take:generate', { ...ok, temperature: t })).toBeNull();
    for (const t of [0, -1, MAX_TEMPERATURE + 0.01, Number.NaN])
      expect(check('take:generate', { ...ok, temperature: t })).toMatch(/temperature must be above 0/);
  });

  it('accepts a primer phrase and refuses a malformed one with the field named', () => {
    const phrase = { notes: [{ pitch: 60, start: 0, dur: 12, velocity: 90 }], ticks: 96, bars: 2 };
    expect(check('take:generate', { ...ok, primer: { phrase } })).toBeNull();
    expect(check('take:sweep', { source: ok.source, tempo: 120, swing: 0, primer: { phrase, atBar: 4, answerBars: 2 } })).toBeNull();
    expect(check('take:generate', { ...ok, primer: { phrase: { ...phrase, notes: [] } } })).toBe(
      'the payload of "take:generate".primer.phrase.notes must hold at least one note to continue',
    );
    const late = { ...phrase, notes: [{ pitch: 60, start: 96, dur: 12, velocity: 90 }] };
    expect(check('take:generate', { ...ok, primer: { phrase: late } })).toMatch(
      /notes\[0\] starts at tick 96, after the phrase's end \(96\)/,
    );
    const back = {
      ...phrase,
      notes: [phrase.notes[0], { pitch: 62, start: 0, dur: 1, velocity: 1 }].reverse().map((n, i) => ({ ...n, start: 10 - i * 10 })),
    };
    expect(check('take:generate', { ...ok, primer: { phrase: back } })).toMatch(/in time order/);
    expect(check('take:generate', { ...ok, primer: { phrase: { ...phrase, notes: [{ ...phrase.notes[0], pitch: 128 }] } } })).toMatch(
      /notes\[0\]\.pitch must be at most 127/,
    );
    expect(check('take:generate', { ...ok, primer: { phrase, answerBars: 0 } })).toMatch(/answerBars must be at least 1/);
    expect(check('take:generate', { ...ok, primer: { phrase, path: '/x' } })).toMatch(/unknown field "path"/);
  });
});
