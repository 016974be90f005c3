// createPlayer(): plays a take (solo + comp + optional bass + count-in) on the Tone transport,
// reports the playhead in ticks, plays single notes, and renders offline for tests.
import * as Tone from 'tone';
import { buildSchedule, type PlayableTake, type PlayOptions, type Schedule } from './schedule';
import { secondsToTick } from './timing';
import { DEFAULT_LEVELS, clampLevels, createRig, type Levels, type Rig } from './mix';
import { audioRunning } from './audio-start';

export interface PlayerOptions {
  /** Note name -> sample URL. Defaults to the bundled Salamander samples (needs pianoSamplesPlugin). */
  sampleUrls?: Record<string, string>;
  /** How a sample URL becomes an AudioBuffer (default: fetch + decodeAudioData). */
  loadBuffer?: (url: string) => Promise<AudioBuffer>;
  levels?: Partial<Levels>;
  /** Called when playback reaches the end of the take (not on stop(), not while looping). */
  onended?: () => void;
}

export interface Player {
  /** Load and decode the piano samples (once). Rejects with the sample that failed. */
  load(): Promise<void>;
  readonly loaded: boolean;
  readonly playing: boolean;
  /** Start playing; throws if audio has not been started from a user gesture. */
  play(take: PlayableTake, opts?: PlayOptions): Promise<void>;
  stop(): void;
  /** Playhead in ticks (negative during a count-in before tick 0), or null when stopped. */
  position(): number | null;
  /** Play one note now on the solo voice of the last play (for clicks on the roll or keyboard). */
  playNote(pitch: number, velocity?: number): Promise<void>;
  /** What the last play() handed to the transport (its solo events carry the velocities heard), and
   *  the solo voice that played them; null before the first play. */
  readonly lastPlayed: { schedule: Schedule; voice: 'samples' | 'synth' } | null;
  setLevels(levels: Partial<Levels>): void;
  readonly levels: Levels;
  /** Render `seconds` of the take (from its start, or the loop start) without touching the speakers. */
  renderOffline(take: PlayableTake, seconds: number, opts?: PlayOptions): Promise<AudioBuffer>;
  dispose(): void;
}

export const AUDIO_NOT_STARTED =
  'Audio is not started yet: it can only start after a click or key press (call ensureAudioStarted() from one).';

const END_TAIL_SEC = 1.5; // let the last notes ring before reporting the end
const START_DELAY_SEC = 0.06;

async function defaultLoadBuffer(url: string): Promise<AudioBuffer> {
  const data = isFileUrl(url) ? await readFileUrl(url) : await fetchBytes(url);
  return Tone.getContext().decodeAudioData(data);
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.arrayBuffer();
}

function isFileUrl(url: string): boolean {
  try {
    return new URL(url, globalThis.document?.baseURI).protocol === 'file:';
  } catch {
    return false;
  }
}

/** fetch() does not support file: URLs (Electron loads the renderer from file://); XHR does. */
function readFileUrl(url: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.responseType = 'arraybuffer';
    xhr.onload = () => (xhr.response ? resolve(xhr.response as ArrayBuffer) : reject(new Error('empty file')));
    xhr.onerror = () => reject(new Error('file could not be read'));
    xhr.send();
  });
}

export function createPlayer(options: PlayerOptions = {}): Player {
  let levels = clampLevels(options.levels ?? {}, DEFAULT_LEVELS);
  let buffers: Record<string, AudioBuffer> | null = null;
  let loading: Promise<void> | null = null;
  let rig: Rig | null = null;
  let current: Schedule | null = null;
  let startAt = 0; // context time the transport starts
  let endTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let lastPlayed: Player['lastPlayed'] = null;

  async function loadAll(): Promise<void> {
    const urls = options.sampleUrls ?? (await import('./piano-samples')).PIANO_SAMPLE_URLS;
    const load = options.loadBuffer ?? defaultLoadBuffer;
    const entries = await Promise.all(
      Object.entries(urls).map(async ([note, url]) => {
        try {
          return [note, await load(url)] as const;
        } catch (err) {
          throw new Error(`Could not load piano sample ${note} (${url}): ${err instanceof Error ? err.message : String(err)}`, {
            cause: err,
          });
        }
      }),
    );
    if (entries.length === 0) throw new Error('No piano samples configured.');
    buffers = Object.fromEntries(entries);
  }

  function liveRig(): Rig {
    if (!buffers) throw new Error('Piano samples are not loaded.');
    rig ??= createRig(buffers, levels);
    return rig;
  }

  function clearTransport(): void {
    const transport = Tone.getTransport();
    transport.stop();
    transport.cancel(0);
    transport.loop = false;
  }

  const player: Player = {
    get loaded() {
      return buffers !== null;
    },
    get playing() {
      return current !== null;
    },
    get levels() {
      return { ...levels };
    },
    get lastPlayed() {
      return lastPlayed;
    },

    load() {
      if (disposed) return Promise.reject(new Error('This player was disposed.'));
      loading ??= loadAll().catch((err) => {
        loading = null; // allow a retry
        throw err;
      });
      return loading;
    },

    async play(take, opts = {}) {
      const schedule = buildSchedule(take, opts); // bad input fails before any audio work
      await player.load();
      if (!audioRunning()) throw new Error(AUDIO_NOT_STARTED);
      player.stop();
      clearTransport();
      const r = liveRig();
      const voice = r.setSoloInstrument(schedule.instrument);
      lastPlayed = { schedule, voice: voice.kind };
      const transport = Tone.getTransport();
      // Transport seconds: 0 = first count-in click; countInSec = the start tick.
      const toTransport = (t: number): number => t - schedule.startSec + schedule.countInSec;
      for (const ev of schedule.events) transport.schedule((time) => r.trigger(ev, time), toTransport(ev.time));
      const endAt = toTransport(schedule.endSec);
      if (schedule.loop) {
        transport.loopStart = schedule.countInSec;
        transport.loopEnd = endAt;
        transport.loop = true;
      } else {
        transport.scheduleOnce((time) => {
          const delayMs = Math.max(0, (time - Tone.now()) * 1000);
          endTimer = setTimeout(() => {
            if (current !== schedule) return;
            player.stop();
            options.onended?.();
          }, delayMs);
        }, endAt + END_TAIL_SEC);
      }
      current = schedule;
      startAt = Tone.now() + START_DELAY_SEC;
      transport.start(startAt, 0);
    },

    stop() {
      clearTimeout(endTimer);
      if (!current) return;
      current = null;
      clearTransport();
      rig?.silence();
    },

    position() {
      const s = current;
      if (!s) return null;
      const now = Tone.immediate();
      const transportSec = now < startAt ? 0 : Tone.getTransport().getSecondsAtTime(now);
      const takeSec = transportSec - s.countInSec + s.startSec;
      return secondsToTick(takeSec, s.clock);
    },

    async playNote(pitch, velocity = 0.8) {
      if (!Number.isFinite(pitch) || pitch < 0 || pitch > 127) throw new Error(`Pitch ${pitch} is outside MIDI 0..127.`);
      await player.load();
      if (!audioRunning()) throw new Error(AUDIO_NOT_STARTED);
      liveRig().playNote(pitch, Math.min(1, Math.max(0.05, velocity)), Tone.now());
    },

    setLevels(l) {
      levels = clampLevels(l, levels);
      rig?.setLevels(levels);
    },

    async renderOffline(take, seconds, opts = {}) {
      if (!(seconds > 0) || !Number.isFinite(seconds)) throw new Error(`Render length ${seconds} s must be a positive number.`);
      const schedule = buildSchedule(take, opts);
      await player.load();
      const samples = buffers!;
      const mixLevels = levels;
      const rendered = await Tone.Offline(() => {
        const offlineRig = createRig(samples, mixLevels);
        offlineRig.setSoloInstrument(schedule.instrument);
        for (const ev of schedule.events) {
          const t = ev.time - schedule.startSec + schedule.countInSec;
          if (t >= 0 && t < seconds) offlineRig.trigger(ev, t);
        }
      }, seconds);
      const buffer = rendered.get();
      if (!buffer) throw new Error('Offline rendering produced no audio buffer.');
      return buffer;
    },

    dispose() {
      player.stop();
      rig?.dispose();
      rig = null;
      disposed = true;
    },
  };
  return player;
}
