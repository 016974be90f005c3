// The solo's voice for each instrument of models/music/instruments. The piano is the Salamander
// samples we ship; for the others we have no recordings, so each gets a synthesized stand-in built
// to be recognisable and pleasant (a breathy filtered reed for the saxes, a brighter brass for the
// trumpet, a bell with tremolo for the vibes, a soft plucked tone for the guitar). The studio says
// so next to the choice; the exported MIDI asks the DAW for the real GM instrument.
import * as Tone from 'tone';
import type { InstrumentId } from '../../models/music/instruments';

export const midiToHz = (p: number): number => 440 * 2 ** ((p - 69) / 12);

export interface SoloVoice {
  readonly instrument: InstrumentId;
  /** 'samples' = recorded piano; 'synth' = a synthesized stand-in. */
  readonly kind: 'samples' | 'synth';
  play(pitch: number, dur: number, time: number, velocity: number): void;
  release(time?: number): void;
  dispose(): void;
}

type Disposable = { dispose(): unknown };

/** A PolySynth voice through an effect chain into `out`, at `gainDb` to sit level with the piano. */
function synthVoice(
  instrument: InstrumentId,
  synth: Tone.PolySynth,
  chain: (Tone.ToneAudioNode & Disposable)[],
  gainDb: number,
  out: Tone.InputNode,
): SoloVoice {
  const trim = new Tone.Volume(gainDb);
  const nodes: (Tone.ToneAudioNode & Disposable)[] = [synth, ...chain, trim];
  for (let i = 0; i + 1 < nodes.length; i++) nodes[i].connect(nodes[i + 1]);
  trim.connect(out);
  return {
    instrument,
    kind: 'synth',
    play: (pitch, dur, time, velocity) => synth.triggerAttackRelease(midiToHz(pitch), dur, time, velocity),
    release: (time) => synth.releaseAll(time),
    dispose: () => nodes.forEach((n) => n.dispose()),
  };
}

function reed(instrument: InstrumentId, brightness: number, out: Tone.InputNode): SoloVoice {
  const synth = new Tone.PolySynth(Tone.MonoSynth, {
    oscillator: { type: 'sawtooth' },
    envelope: { attack: 0.035, decay: 0.25, sustain: 0.75, release: 0.14 },
    filter: { type: 'lowpass', Q: 1.4, rolloff: -24 },
    filterEnvelope: { attack: 0.05, decay: 0.3, sustain: 0.55, release: 0.2, baseFrequency: brightness, octaves: 2.7 },
  });
  return synthVoice(instrument, synth, [new Tone.Vibrato(5.2, 0.07)], -13, out);
}

/** A fresh voice for `instrument` in the current Tone context (live or offline). */
export function createSoloVoice(instrument: InstrumentId, samples: Record<string, AudioBuffer>, out: Tone.InputNode): SoloVoice {
  switch (instrument) {
    case 'piano': {
      const sampler = new Tone.Sampler({ urls: samples, release: 1.2 }).connect(out);
      return {
        instrument,
        kind: 'samples',
        play: (pitch, dur, time, velocity) => sampler.triggerAttackRelease(midiToHz(pitch), dur, time, velocity),
        release: (time) => sampler.releaseAll(time),
        dispose: () => sampler.dispose(),
      };
    }
    case 'tenor':
      return reed(instrument, 260, out);
    case 'alto':
      return reed(instrument, 420, out);
    case 'trumpet': {
      const synth = new Tone.PolySynth(Tone.MonoSynth, {
        oscillator: { type: 'sawtooth' },
        envelope: { attack: 0.02, decay: 0.2, sustain: 0.8, release: 0.1 },
        filter: { type: 'lowpass', Q: 2, rolloff: -24 },
        filterEnvelope: { attack: 0.03, decay: 0.2, sustain: 0.6, release: 0.15, baseFrequency: 600, octaves: 3 },
      });
      return synthVoice(instrument, synth, [new Tone.Vibrato(5.6, 0.04)], -15, out);
    }
    case 'vibes': {
      const synth = new Tone.PolySynth(Tone.FMSynth, {
        harmonicity: 4,
        modulationIndex: 2.2,
        oscillator: { type: 'sine' },
        modulation: { type: 'sine' },
        envelope: { attack: 0.002, decay: 1.8, sustain: 0, release: 1.4 },
        modulationEnvelope: { attack: 0.002, decay: 0.35, sustain: 0, release: 0.2 },
      });
      return synthVoice(instrument, synth, [new Tone.Tremolo(5.5, 0.35).start()], -6, out);
    }
    case 'guitar': {
      const synth = new Tone.PolySynth(Tone.MonoSynth, {
        oscillator: { type: 'triangle' },
        envelope: { attack: 0.004, decay: 0.9, sustain: 0.15, release: 0.3 },
        filter: { type: 'lowpass', Q: 1, rolloff: -12 },
        filterEnvelope: { attack: 0.002, decay: 0.25, sustain: 0.3, release: 0.2, baseFrequency: 500, octaves: 2.5 },
      });
      return synthVoice(instrument, synth, [], -7, out);
    }
  }
}
