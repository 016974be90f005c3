import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { TakesState } from '../../../renderer/studio/takes-state.svelte';
import { fakeApi } from '../fake-api';
import { takeFixture } from '../../backend/studio/take-fixture';

const stored = () => ({ takes: [takeFixture('take-b', { createdAt: '2026-01-02T00:00:00.000Z' }), takeFixture('take-a')], skipped: [] });

describe('TakesState', () => {
  it('loads the stored takes and puts the newest on the roll', async () => {
    const s = new TakesState(fakeApi({ 'take:list': async () => stored() }).api);
    await s.refresh();
    expect(s.takes.map((t) => t.id)).toEqual(['take-b', 'take-a']);
    expect(s.current?.id).toBe('take-b');
  });

  it('adds a generated take on top; a failure keeps the takes and says why; one job at a time', async () => {
    let release: () => void = () => {};
    const fake = fakeApi({
      'take:list': async () => stored(),
      'take:generate': () => new Promise((resolve) => (release = () => resolve(takeFixture('take-new')))),
    });
    const s = new TakesState(fake.api);
    await s.refresh();
    s.settings.seedLocked = true;
    s.settings.seed = 99;
    const running = s.generate();
    expect(s.busy).toBe('generate');
    expect(await s.sweep()).toBeNull(); // refused while busy
    release();
    await running;
    expect(s.busy).toBeNull();
    expect(s.takes.map((t) => t.id)).toEqual(['take-new', 'take-b', 'take-a']);
    expect(s.currentId).toBe('take-new');

    const failing = new TakesState(
      fakeApi({ 'take:list': async () => stored(), 'take:sweep': async () => Promise.reject(new Error('backend stopped')) }).api,
    );
    await failing.refresh();
    expect(await failing.sweep()).toBeNull();
    expect(failing.error).toBe('Sweep failed: backend stopped');
    expect(failing.takes).toHaveLength(2);
    expect(failing.currentId).toBe('take-b');
  });

  it('shows a sweep lowest temperature first, and flips between A and B', async () => {
    const sweep = [1.6, 0.2, 0.8].map((t, i) =>
      takeFixture(`sw-${i}-take`, { sweepId: 'sweep-1', settings: { ...takeFixture('x').settings, temperature: t } }),
    );
    const s = new TakesState(fakeApi({ 'take:list': async () => ({ takes: sweep, skipped: [] }) }).api);
    await s.refresh();
    flushSync();
    expect(s.sweepTakes.map((t) => t.settings.temperature)).toEqual([0.2, 0.8, 1.6]);
    expect(s.flipAB()).toBeNull();
    s.mark('a', 'sw-0-take');
    s.mark('b', 'sw-1-take');
    expect(s.currentId).toBe('sw-0-take'); // A is on the roll: flipping goes to B and back
    expect(s.flipAB()?.id).toBe('sw-1-take');
    expect(s.flipAB()?.id).toBe('sw-0-take');
  });

  it('deletes a take and moves the roll to its neighbour', async () => {
    const s = new TakesState(fakeApi({ 'take:list': async () => stored(), 'take:delete': async () => ({ id: 'take-b' }) }).api);
    await s.refresh();
    s.mark('a', 'take-b');
    await s.remove('take-b');
    expect(s.takes.map((t) => t.id)).toEqual(['take-a']);
    expect(s.currentId).toBe('take-a');
    expect(s.a).toBeNull();
  });
});
