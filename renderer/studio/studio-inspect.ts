// Inspection handles of the studio for automated checks (../lib/inspect, off unless the address
// asks): the take on the roll, the primer, the MIDI session's plan, the playhead, the last play
// options and an offline render of the sound (no speakers needed).
import { analyseBuffer } from '../audio';
import { expose } from '../lib/inspect';
import type { TakeRecord } from '../../api/takes';
import type { StudioPlayable, StudioPlayback } from './playback.svelte';
import type { TakesState } from './takes-state.svelte';
import type { LiveInput } from './live-input.svelte';

export function exposeStudio(
  studio: TakesState,
  playback: StudioPlayback,
  live: LiveInput,
  playable: (t: TakeRecord) => StudioPlayable,
  settingsOf: (t: TakeRecord) => { tempo: number; swing: number },
  snapshot: <T>(v: T) => T,
): () => void {
  return expose('studio', {
    current: () => (studio.current ? snapshot(studio.current) : null),
    primer: () => (studio.primer ? snapshot(studio.primer) : null),
    /** The running MIDI recording's or trade's first downbeat (performance.now ms) and beat length. */
    livePlan: () => live.plan,
    playhead: () => playback.tracker.tick,
    lastPlayOptions: () => playback.lastOptions,
    /** What the player last handed to the transport: the solo's velocities and its voice. */
    lastPlayed: () => {
      const p = playback.player.lastPlayed;
      if (!p) return null;
      const solo = p.schedule.events.filter((e) => e.part === 'solo');
      return { instrument: p.schedule.instrument, voice: p.voice, velocities: solo.map((e) => Math.round(e.velocity * 127)) };
    },
    async renderOffline(seconds: number) {
      const t = studio.current;
      if (!t) throw new Error('no take on the roll');
      const p = playable(t);
      const buf = await playback.player.renderOffline(p, seconds, playback.playOptions(p, settingsOf(t).tempo, settingsOf(t).swing));
      return analyseBuffer(buf);
    },
  });
}
