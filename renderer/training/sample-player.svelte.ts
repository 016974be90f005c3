// Plays "hear it learn" samples through the app's piano (the samples load on first use, from a click;
// the studio already bundles the audio module, so importing it here costs nothing).
import type { SampleTake } from '../../api/channels/training';
import * as audioModule from '../audio';

type Audio = typeof audioModule;
type Player = ReturnType<Audio['createPlayer']>;

export class SamplePlayer {
  /** The label of the sample playing now ('' when silent). */
  playing = $state('');
  loading = $state(false);
  error = $state('');
  private player: Player | null = null;

  constructor(private readonly loadAudio: () => Promise<Audio> = async () => audioModule) {}

  async toggle(sample: SampleTake): Promise<void> {
    if (this.playing === sample.label) return this.stop();
    this.error = '';
    try {
      const audio = await this.loadAudio();
      const started = await audio.ensureAudioStarted();
      if (!started.ok) throw new Error(started.reason);
      this.player ??= audio.createPlayer({ onended: () => (this.playing = '') });
      this.loading = true;
      await this.player.load();
      this.loading = false;
      this.player.stop();
      await this.player.play(sample, { comp: true });
      this.playing = sample.label;
    } catch (err) {
      this.loading = false;
      this.playing = '';
      this.error = `Cannot play the sample: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  stop(): void {
    this.player?.stop();
    this.playing = '';
  }

  dispose(): void {
    this.player?.dispose();
    this.player = null;
  }
}
