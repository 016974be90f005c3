// A virtual MIDI keyboard for end-to-end tests: replaces navigator.requestMIDIAccess in the page
// (before any script runs) with one input, "LickLab Virtual Keys", whose note on/off messages the
// test sends at planned times with those times as their time stamps (as a real device's are).
import type { Page } from 'playwright-core';

/** A note at `beat` (from the first downbeat) for `beats`, struck `jitterMs` early or late. */
export interface PlannedNote {
  pitch: number;
  beat: number;
  beats: number;
  jitterMs?: number;
  velocity?: number;
}

export async function installFakeMidi(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Listener = (e: { data: Uint8Array; timeStamp: number }) => void;
    const listeners = new Set<Listener>();
    const input = {
      id: 'virtual-keys',
      name: 'Virtual Keys',
      manufacturer: 'LickLab',
      state: 'connected',
      type: 'input',
      addEventListener: (type: string, l: Listener) => type === 'midimessage' && listeners.add(l),
      removeEventListener: (_type: string, l: Listener) => listeners.delete(l),
    };
    const access = { inputs: new Map([[input.id, input]]), outputs: new Map(), sysexEnabled: false };
    const w = window as unknown as Record<string, unknown>;
    Object.defineProperty(Navigator.prototype, 'requestMIDIAccess', {
      configurable: true,
      value: async (options: unknown) => {
        w.__fakeMidiAsked = options;
        return access;
      },
    });
    const send = (data: number[], timeStamp: number) => listeners.forEach((l) => l({ data: new Uint8Array(data), timeStamp }));
    w.__fakeMidi = {
      send,
      play(
        notes: { pitch: number; beat: number; beats: number; jitterMs?: number; velocity?: number }[],
        originMs: number,
        msPerBeat: number,
      ) {
        for (const n of notes) {
          const on = originMs + n.beat * msPerBeat + (n.jitterMs ?? 0);
          const off = originMs + (n.beat + n.beats) * msPerBeat + 5; // released on time, just after the beat
          setTimeout(() => send([0x90, n.pitch, n.velocity ?? 96], on), Math.max(0, on - performance.now()));
          setTimeout(() => send([0x80, n.pitch, 0], off), Math.max(0, off - performance.now()));
        }
      },
    };
  });
}
