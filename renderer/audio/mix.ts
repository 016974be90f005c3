// The Tone.js signal chain, built in whatever context is current (live or Tone.Offline):
// per-part volumes -> master -> gentle compressor -> limiter at -1 dBFS -> destination.
// Conservative default levels leave headroom so the limiter rarely works.
import * as Tone from 'tone';
import type { Part, ScheduledEvent } from './schedule';
import type { InstrumentId } from '../../models/music/instruments';
import { createSoloVoice, midiToHz, type SoloVoice } from './solo-voices';

export { midiToHz };

/** Levels in dB. Parts are clamped to <= 0 dB and the master to <= -1 dB. */
export interface Levels {
  master: number;
  solo: number;
  comp: number;
  bass: number;
  click: number;
}

export const DEFAULT_LEVELS: Levels = { master: -2, solo: -4, comp: -14, bass: -9, click: -8 };

export function clampLevels(l: Partial<Levels>, base: Levels = DEFAULT_LEVELS): Levels {
  const c = (v: number | undefined, fallback: number, max: number): number =>
    v === undefined || !Number.isFinite(v) ? fallback : Math.min(max, Math.max(-80, v));
  return {
    master: c(l.master, base.master, -1),
    solo: c(l.solo, base.solo, 0),
    comp: c(l.comp, base.comp, 0),
    bass: c(l.bass, base.bass, 0),
    click: c(l.click, base.click, 0),
  };
}

export interface Rig {
  /** The solo's voice from now on (the piano samples, or a synthesized stand-in). */
  setSoloInstrument(id: InstrumentId): SoloVoice;
  readonly solo: SoloVoice;
  trigger(ev: ScheduledEvent, time: number): void;
  playNote(pitch: number, velocity: number, time: number): void;
  setLevels(l: Levels): void;
  silence(time?: number): void;
  dispose(): void;
}

/** Build the instruments and mix in the current Tone context. `samples` maps note names to buffers. */
export function createRig(samples: Record<string, AudioBuffer>, levels: Levels): Rig {
  const limiter = new Tone.Limiter(-1).toDestination();
  const compressor = new Tone.Compressor({ threshold: -20, ratio: 3, attack: 0.01, release: 0.25 }).connect(limiter);
  const master = new Tone.Volume(levels.master).connect(compressor);
  const vol: Record<Part, Tone.Volume> = {
    solo: new Tone.Volume(levels.solo).connect(master),
    comp: new Tone.Volume(levels.comp).connect(master),
    bass: new Tone.Volume(levels.bass).connect(master),
    click: new Tone.Volume(levels.click).connect(master),
  };
  // Voices are made on first use and kept (switching back and forth costs nothing after that).
  const voices = new Map<InstrumentId, SoloVoice>();
  let solo: SoloVoice = createSoloVoice('piano', samples, vol.solo);
  voices.set('piano', solo);
  const comp = new Tone.Sampler({ urls: samples, release: 0.5 }).connect(vol.comp);
  const bass = new Tone.MonoSynth({
    oscillator: { type: 'triangle' },
    envelope: { attack: 0.004, decay: 0.35, sustain: 0.35, release: 0.12 },
    filter: { type: 'lowpass', Q: 1, rolloff: -24 },
    filterEnvelope: { attack: 0.002, decay: 0.18, sustain: 0.25, release: 0.1, baseFrequency: 110, octaves: 2.6 },
  }).connect(vol.bass);
  // Sidestick-like click: a woody pitched "tok" plus a short high-passed noise snap.
  const click = new Tone.MembraneSynth({
    pitchDecay: 0.006,
    octaves: 1.5,
    oscillator: { type: 'sine' },
    envelope: { attack: 0.001, decay: 0.05, sustain: 0, release: 0.01 },
  }).connect(vol.click);
  const snapFilter = new Tone.Filter({ type: 'highpass', frequency: 2500, Q: 0.7 }).connect(vol.click);
  const snap = new Tone.NoiseSynth({
    noise: { type: 'white' },
    envelope: { attack: 0.001, decay: 0.025, sustain: 0, release: 0.01 },
  }).connect(snapFilter);
  const nodes = [limiter, compressor, master, ...Object.values(vol), comp, bass, click, snapFilter, snap];

  return {
    setSoloInstrument(id) {
      let voice = voices.get(id);
      if (!voice) {
        voice = createSoloVoice(id, samples, vol.solo);
        voices.set(id, voice);
      }
      return (solo = voice);
    },
    get solo() {
      return solo;
    },
    trigger(ev, time) {
      if (ev.part === 'solo') solo.play(ev.pitch, ev.dur, time, ev.velocity);
      else if (ev.part === 'comp') comp.triggerAttackRelease(midiToHz(ev.pitch), ev.dur, time, ev.velocity);
      else if (ev.part === 'bass') bass.triggerAttackRelease(midiToHz(ev.pitch), ev.dur, time, ev.velocity);
      else {
        click.triggerAttackRelease(ev.pitch === 1 ? 1320 : 990, 0.03, time, ev.velocity); // accent higher
        snap.triggerAttackRelease(0.02, time, ev.velocity * 0.5);
      }
    },
    playNote(pitch, velocity, time) {
      solo.play(pitch, 0.9, time, velocity);
    },
    setLevels(l) {
      master.volume.value = l.master;
      for (const p of Object.keys(vol) as Part[]) vol[p].volume.value = l[p];
    },
    silence(time) {
      for (const v of voices.values()) v.release(time);
      comp.releaseAll(time);
      bass.triggerRelease(time);
    },
    dispose() {
      for (const v of voices.values()) v.dispose();
      for (const n of nodes) n.dispose();
    },
  };
}
