// Browsers only let audio start from a user gesture. The app calls ensureAudioStarted() from a
// click or keydown handler; the result says why sound is unavailable when it is.
import * as Tone from 'tone';

export type AudioStartResult = { ok: true } | { ok: false; reason: string };

const START_TIMEOUT_MS = 2000;

export async function ensureAudioStarted(): Promise<AudioStartResult> {
  const w = globalThis as { AudioContext?: unknown; webkitAudioContext?: unknown };
  if (!w.AudioContext && !w.webkitAudioContext) {
    return { ok: false, reason: 'This browser has no Web Audio support, so LickLab cannot play sound.' };
  }
  try {
    if (Tone.getContext().state === 'running') return { ok: true };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), START_TIMEOUT_MS)));
    const outcome = await Promise.race([Tone.start().then(() => 'started' as const), timeout]);
    clearTimeout(timer);
    const state = Tone.getContext().state;
    if (state === 'running') return { ok: true };
    if (state === 'closed') return { ok: false, reason: 'The audio output was closed; reload the window to get sound back.' };
    return {
      ok: false,
      reason:
        outcome === 'timeout'
          ? 'The browser kept audio suspended. Click or press a key in the window to allow sound (audio may only start from a user gesture).'
          : 'Audio did not start: no audio output device may be available.',
    };
  } catch (err) {
    return { ok: false, reason: `Audio could not start: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** True when sound can play now. */
export function audioRunning(): boolean {
  try {
    return Tone.getContext().state === 'running';
  } catch {
    return false;
  }
}
