// Polls the player's position once per animation frame into a rune, for <PianoRoll playhead={...}>.
import type { Player } from './player';

export class PlayheadTracker {
  tick: number | null = $state(null);
  #raf = 0;
  #player: Pick<Player, 'position'>;

  constructor(player: Pick<Player, 'position'>) {
    this.#player = player;
  }

  /** Start polling; returns a stop function (usable as an $effect cleanup). */
  start(): () => void {
    if (!this.#raf) {
      const loop = (): void => {
        this.tick = this.#player.position();
        this.#raf = requestAnimationFrame(loop);
      };
      this.#raf = requestAnimationFrame(loop);
    }
    return () => this.stop();
  }

  stop(): void {
    if (this.#raf) cancelAnimationFrame(this.#raf);
    this.#raf = 0;
  }
}
