import { mount } from 'svelte';
import Harness from './Harness.svelte';
import { makeTake } from './take';
import { PlayheadTracker, analyseBuffer, createPlayer, type PlayOptions } from '../../../renderer/audio';

const take = makeTake(5000);
const small = makeTake(28, 3, 120); // about 4 bars
const player = createPlayer();
const tracker = new PlayheadTracker(player);
mount(Harness, { target: document.getElementById('app')!, props: { take, player, tracker } });

const w = window as unknown as Record<string, unknown>;
w.harness = {
  take,
  small,
  play: (opts: PlayOptions = {}) => player.play(take, opts),
  stop: () => player.stop(),
  position: () => player.position(),
  load: () => player.load(),
  /** Render the dense 5,000-note take with every level pushed to its maximum. */
  async renderLoud(seconds: number, opts: PlayOptions = {}) {
    const saved = player.levels;
    player.setLevels({ master: 100, solo: 100, comp: 100, bass: 100, click: 100 });
    try {
      const buf = await player.renderOffline({ ...take, notes: take.notes.map((n) => ({ ...n, velocity: 127 })) }, seconds, opts);
      return { ...analyseBuffer(buf), levels: player.levels };
    } finally {
      player.setLevels(saved);
    }
  },
  async renderSmall(seconds: number, opts: PlayOptions = {}) {
    const t0 = performance.now();
    const buf = await player.renderOffline(small, seconds, opts);
    return { ...analyseBuffer(buf), ms: performance.now() - t0, sampleRate: buf.sampleRate };
  },
};
w.harnessReady = true;
