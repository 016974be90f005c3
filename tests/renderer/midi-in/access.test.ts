// Web MIDI access: no Web MIDI, refused access and no inputs each give the musician a sentence; the
// inputs are listed by name; listen() passes note bytes and their time stamps and can be undone.
import { describe, expect, it } from 'vitest';
import { NO_INPUTS, NO_WEB_MIDI, listen, openMidi, type MidiAccessLike, type MidiInputLike } from '../../../renderer/midi-in/access';

function fakeInput(id: string, name: string | null, manufacturer: string | null = null) {
  const listeners = new Set<(e: { data: Uint8Array | null; timeStamp: number }) => void>();
  const input: MidiInputLike & { send(data: number[], t: number): void } = {
    id,
    name,
    manufacturer,
    state: 'connected',
    addEventListener: (_t, l) => listeners.add(l),
    removeEventListener: (_t, l) => listeners.delete(l),
    send: (data, t) => listeners.forEach((l) => l({ data: new Uint8Array(data), timeStamp: t })),
  };
  return input;
}
const accessOf = (inputs: MidiInputLike[]): MidiAccessLike => ({ inputs: new Map(inputs.map((i) => [i.id, i])) });

describe('openMidi', () => {
  it('explains a browser without Web MIDI, a refusal, and no inputs', async () => {
    expect(await openMidi({})).toEqual({ ok: false, problem: NO_WEB_MIDI });
    expect(await openMidi(undefined)).toEqual({ ok: false, problem: NO_WEB_MIDI });
    const refused = await openMidi({ requestMIDIAccess: () => Promise.reject(new Error('Permission denied')) });
    expect(refused).toEqual({ ok: false, problem: 'MIDI access was refused (Permission denied): allow MIDI for LickLab and try again.' });
    expect(await openMidi({ requestMIDIAccess: async () => accessOf([]) })).toEqual({ ok: false, problem: NO_INPUTS });
  });

  it('asks without SysEx and names the inputs', async () => {
    let asked: unknown;
    const result = await openMidi({
      requestMIDIAccess: async (o) => {
        asked = o;
        return accessOf([fakeInput('a', 'Keystation 49', 'M-Audio'), fakeInput('b', null)]);
      },
    });
    expect(asked).toEqual({ sysex: false });
    expect(result.ok && result.inputs).toEqual([
      { id: 'a', name: 'M-Audio Keystation 49' },
      { id: 'b', name: 'Port 2' },
    ]);
  });
});

describe('listen', () => {
  it('passes the bytes with their time, until undone; a vanished input is named', () => {
    const input = fakeInput('a', 'Keys');
    const access = accessOf([input]);
    const got: [number[], number][] = [];
    const undo = listen(access, 'a', (data, t) => got.push([[...data], t]));
    input.send([0x90, 60, 100], 12.5);
    undo();
    input.send([0x80, 60, 0], 20);
    expect(got).toEqual([[[0x90, 60, 100], 12.5]]);
    expect(() => listen(access, 'gone', () => {})).toThrow('That MIDI input is gone');
  });
});
