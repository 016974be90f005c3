// Web MIDI in the renderer: ask the browser for MIDI access (no SysEx), list the inputs, listen to
// one. When there is no Web MIDI, access is refused, or no input is connected, the caller gets a
// sentence for the musician instead of an exception.

/** The parts of the Web MIDI API LickLab uses (so tests and the e2e fake provide just these). */
export interface MidiInputLike {
  id: string;
  name?: string | null;
  manufacturer?: string | null;
  state?: string;
  addEventListener(type: 'midimessage', listener: (e: { data: Uint8Array | null; timeStamp: number }) => void): void;
  removeEventListener(type: 'midimessage', listener: (e: { data: Uint8Array | null; timeStamp: number }) => void): void;
}
export interface MidiAccessLike {
  inputs: { values(): Iterable<MidiInputLike> };
}
export interface NavigatorLike {
  requestMIDIAccess?: (options?: { sysex?: boolean }) => Promise<MidiAccessLike>;
}

export interface MidiInputInfo {
  id: string;
  name: string;
}

/** A MIDI message as LickLab reads it: the bytes and when they arrived (performance.now() time, ms). */
export type MidiMessageHandler = (data: Uint8Array, timeMs: number) => void;

export const NO_WEB_MIDI =
  'This browser has no Web MIDI, so a keyboard cannot be heard here: use Chrome or Edge, or the LickLab desktop app.';
export const NO_INPUTS = 'No MIDI input found: connect a keyboard (or start a virtual MIDI port), then press Connect again.';

export type MidiOpen = { ok: true; access: MidiAccessLike; inputs: MidiInputInfo[] } | { ok: false; problem: string };

/** The inputs of an access, named for a menu ("Port 1" when the device gives no name). */
export function listInputs(access: MidiAccessLike): MidiInputInfo[] {
  const out: MidiInputInfo[] = [];
  for (const input of access.inputs.values()) {
    if (input.state === 'disconnected') continue;
    const name = [input.manufacturer, input.name].filter((x) => x && x.trim()).join(' ') || `Port ${out.length + 1}`;
    out.push({ id: input.id, name });
  }
  return out;
}

/** Ask for MIDI access (notes only: no SysEx) and list the inputs; never throws. */
export async function openMidi(nav: NavigatorLike | undefined = globalThis.navigator as NavigatorLike | undefined): Promise<MidiOpen> {
  if (!nav || typeof nav.requestMIDIAccess !== 'function') return { ok: false, problem: NO_WEB_MIDI };
  let access: MidiAccessLike;
  try {
    access = await nav.requestMIDIAccess({ sysex: false });
  } catch (err) {
    return {
      ok: false,
      problem: `MIDI access was refused (${(err as Error).message || 'no reason given'}): allow MIDI for LickLab and try again.`,
    };
  }
  const inputs = listInputs(access);
  if (inputs.length === 0) return { ok: false, problem: NO_INPUTS };
  return { ok: true, access, inputs };
}

/** Listen to one input; returns the undo. Throws when the input is gone (unplugged since the list). */
export function listen(access: MidiAccessLike, inputId: string, handler: MidiMessageHandler): () => void {
  const input = [...access.inputs.values()].find((i) => i.id === inputId);
  if (!input) throw new Error('That MIDI input is gone (unplugged?): press Refresh and pick one again.');
  const listener = (e: { data: Uint8Array | null; timeStamp: number }) => {
    if (e.data) handler(e.data, e.timeStamp);
  };
  input.addEventListener('midimessage', listener);
  return () => input.removeEventListener('midimessage', listener);
}
