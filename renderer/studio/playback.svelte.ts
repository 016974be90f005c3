// Transport for the studio: one player for the page, the options of the transport bar, the playhead
// for the roll, and why audio cannot start when it cannot (said in a sentence).
import { PlayheadTracker, createPlayer, ensureAudioStarted, type Player, type PlayOptions, type PlayableTake } from '../audio';
import type { InstrumentId } from '../../models/music/instruments';

/** A take as the transport plays it: its notes, changes and the instrument it plays on. */
export type StudioPlayable = PlayableTake & { bars: readonly { start: number; beats: number }[]; instrument?: InstrumentId };

export interface TransportOptions {
  comp: boolean;
  bass: boolean;
  countIn: boolean;
  loop: boolean;
  /** Loop region in bars, 1-based inclusive (clamped to the take). */
  loopFrom: number;
  loopTo: number;
}

export class StudioPlayback {
  playing = $state(false);
  starting = $state(false);
  loading = $state(false);
  #token = 0;
  #stopped = false;
  audioProblem: string | null = $state(null);
  options: TransportOptions = $state({ comp: true, bass: true, countIn: false, loop: false, loopFrom: 1, loopTo: 4 });
  readonly player: Player;
  readonly tracker: PlayheadTracker;
  /** The options of the last play (for tests and debugging; not reactive). */
  lastOptions: PlayOptions | null = null;

  constructor(player: Player = createPlayer({ onended: () => this.#ended() })) {
    this.player = player;
    this.tracker = new PlayheadTracker(player);
  }

  #ended(): void {
    this.playing = false;
  }

  playOptions(take: StudioPlayable, tempo: number, swing: number, startTick?: number): PlayOptions {
    const o = this.options;
    const opts: PlayOptions = { tempo, swing, comp: o.comp, bass: o.bass, countIn: o.countIn, instrument: take.instrument ?? 'piano' };
    if (o.loop && take.bars.length) {
      const from = Math.min(take.bars.length, Math.max(1, Math.round(o.loopFrom)));
      const to = Math.min(take.bars.length, Math.max(from, Math.round(o.loopTo)));
      const last = take.bars[to - 1];
      opts.loop = { start: take.bars[from - 1].start, end: last.start + Math.round(last.beats * 12) };
    } else if (startTick !== undefined && startTick > 0) opts.startTick = startTick;
    return opts;
  }

  /** Call from a click or key press: browsers only start audio from a user gesture. */
  async start(): Promise<boolean> {
    const started = await ensureAudioStarted();
    this.audioProblem = started.ok ? null : started.reason;
    return started.ok;
  }

  async play(take: StudioPlayable, tempo: number, swing: number, startTick?: number): Promise<void> {
    // Each play/stop bumps the token: a start that finishes after a later stop (or a later play)
    // must not leave the old take sounding.
    const token = ++this.#token;
    this.#stopped = false;
    this.starting = true;
    try {
      if (!(await this.start())) return;
      if (token !== this.#token) return;
      this.loading = !this.player.loaded;
      this.lastOptions = this.playOptions(take, tempo, swing, startTick);
      await this.player.play(take, this.lastOptions);
      if (token !== this.#token) {
        if (this.#stopped) this.player.stop();
        return;
      }
      this.playing = true;
      this.tracker.start();
    } catch (err) {
      if (token === this.#token) {
        this.audioProblem = (err as Error).message;
        this.playing = false;
      }
    } finally {
      if (token === this.#token) {
        this.loading = false;
        this.starting = false;
      }
    }
  }

  /**
   * The band alone (comp and bass as the transport bar sets them, no solo) looping over `take`'s
   * changes after one bar of count-in clicks, for trading bars. Resolves with the performance.now()
   * time of its first downbeat (tick 0), or null when it cannot sound (audioProblem says why).
   */
  async playBand(take: StudioPlayable, tempo: number, swing: number): Promise<number | null> {
    const token = ++this.#token;
    this.#stopped = false;
    try {
      if (!(await this.start()) || token !== this.#token) return null;
      const end = take.bars.length ? take.bars[take.bars.length - 1].start + Math.round(take.bars[take.bars.length - 1].beats * 12) : 0;
      const o = this.options;
      this.lastOptions = {
        tempo,
        swing,
        comp: o.comp,
        bass: o.bass,
        countIn: true,
        instrument: take.instrument ?? 'piano',
        loop: { start: 0, end },
      };
      await this.player.play({ ...take, notes: [] }, this.lastOptions);
      // The transport starts a little after play() returns: read the position once it moves.
      const first = this.player.position();
      let at = first;
      for (let i = 0; i < 20 && at !== null && at === first && token === this.#token; i++) {
        await new Promise((r) => setTimeout(r, 25));
        at = this.player.position();
      }
      if (token !== this.#token || at === null || at === first) return null;
      this.playing = true;
      this.tracker.start();
      return performance.now() - (at * 60_000) / (tempo * 12);
    } catch (err) {
      if (token === this.#token) this.audioProblem = (err as Error).message;
      return null;
    }
  }

  /** Playing, or about to (samples loading): the play button shows Stop. */
  get active(): boolean {
    return this.playing || this.starting;
  }

  stop(): void {
    this.#token++;
    this.#stopped = true;
    this.player.stop();
    this.playing = false;
    this.starting = false;
    this.loading = false;
  }

  async playNote(pitch: number, velocity = 90): Promise<void> {
    if (!(await this.start())) return;
    try {
      await this.player.playNote(pitch, velocity / 127);
    } catch (err) {
      this.audioProblem = (err as Error).message;
    }
  }

  dispose(): void {
    this.tracker.stop();
    this.player.dispose();
  }
}
