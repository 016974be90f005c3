// The training form's field checks and payload, and how picked files are batched for upload.
import { describe, expect, it } from 'vitest';
import { changedKnobs, fieldError, formErrors, formWarnings, initialForm, toPayload } from '../../../renderer/training/form';
import { BATCH_CHARS, bytesToBase64, fromDrop, planUpload } from '../../../renderer/training/file-upload';
import { MAX_UPLOAD_FILE_BYTES } from '../../../api/channels/training';

describe('training form', () => {
  it('checks each field with a sentence naming it', () => {
    expect(fieldError('units', '128')).toBeNull();
    expect(fieldError('units', '')).toBe('LSTM units is required');
    expect(fieldError('units', 'abc')).toBe('LSTM units must be a number, not "abc"');
    expect(fieldError('units', '12.5')).toBe('LSTM units must be a whole number');
    expect(fieldError('dropout', '1')).toBe('Dropout must be at least 0 and below 1');
    expect(fieldError('learningRate', '0')).toBe('Learning rate must be above 0 and at most 10');
    expect(fieldError('devFraction', '0.6')).toBe('Dev fraction must be above 0 and at most 0.5');
    expect(fieldError('window', '1')).toBe('Window (notes) must be at least 2 and at most 4096');
  });

  it('sends only the knobs that differ from the preset, and refuses an invalid form', () => {
    const form = initialForm('default');
    expect(formErrors(form)).toEqual({});
    expect(toPayload(form)).toEqual({ preset: 'default', devFraction: 0.1, seed: 1, sampleEvery: 2 });
    form.values.units = '16';
    form.values.epochs = '3';
    expect(toPayload(form)).toEqual({
      preset: 'default',
      hyperparameters: { units: 16, epochs: 3 },
      devFraction: 0.1,
      seed: 1,
      sampleEvery: 2,
    });
    expect(formWarnings(form)).toEqual(['Patience is not below the epochs: early stopping cannot happen.']);
    expect(changedKnobs(form)).toEqual(['LSTM units', 'Max epochs']);
    // The sample panel: auto (a time budget) sends nothing, a number is sent, a word is refused.
    expect(fieldError('panelEvery', 'auto')).toBeNull();
    expect(toPayload({ ...form, values: { ...form.values, panelEvery: '1' } }).panelEvery).toBe(1);
    expect(fieldError('panelEvery', 'often')).toBe('Panel every must be a number, not "often"');
    form.values.units = '128.0'; // the same number, written differently
    expect(changedKnobs(form)).toEqual(['Max epochs']);
    form.values.seed = '1.5';
    expect(() => toPayload(form)).toThrow('Seed must be a whole number');
  });
});

describe('upload planning', () => {
  const file = (name: string, size: number) => ({ name, file: new Blob([new Uint8Array(size)]) });

  it('keeps MIDI files and sidecars, reports files over the limit, and batches under one message', () => {
    const plan = planUpload([
      file('solos/a.mid', 10),
      file('solos/a.chords.txt', 5),
      file('solos/readme.pdf', 5),
      file('solos/huge.mid', MAX_UPLOAD_FILE_BYTES + 1),
      ...Array.from({ length: 6 }, (_, i) => file(`solos/big${i}.mid`, 200_000)),
    ]);
    expect(plan.ignored).toBe(1);
    expect(plan.tooBig).toEqual([`solos/huge.mid (${Math.round((MAX_UPLOAD_FILE_BYTES + 1) / 1024)} KB)`]);
    expect(plan.midiCount).toBe(7);
    expect(plan.batches.flat()).toHaveLength(8);
    for (const b of plan.batches) expect(b.reduce((s, f) => s + Math.ceil(f.file.size / 3) * 4, 0)).toBeLessThanOrEqual(BATCH_CHARS);
    expect(plan.batches.length).toBeGreaterThan(1);
  });

  it('encodes bytes as base64', () => {
    expect(bytesToBase64(new Uint8Array([77, 84, 104, 100]))).toBe('TVRoZA==');
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(Buffer.from(bytesToBase64(big), 'base64').equals(Buffer.from(big))).toBe(true);
  });
});

describe('dropped folders', () => {
  // A tiny stand-in for the File System Entry API that a drop hands over.
  const fileEntry = (fullPath: string) => ({
    isFile: true,
    isDirectory: false,
    name: fullPath.split('/').pop()!,
    fullPath,
    file: (ok: (f: Blob) => void) => ok(new Blob(['x'])),
  });
  const dirEntry = (fullPath: string, children: unknown[]) => ({
    isFile: false,
    isDirectory: true,
    name: fullPath,
    fullPath,
    createReader() {
      // Hands entries out in pages of two, like browsers do (~100), then an empty page.
      let at = 0;
      return { readEntries: (ok: (e: unknown[]) => void) => ok(children.slice(at, (at += 2))) };
    },
  });

  it('walks dropped folders page by page, keeping folder paths', async () => {
    const folder = dirEntry('/solos', [
      fileEntry('/solos/a.mid'),
      fileEntry('/solos/a.chords.txt'),
      dirEntry('/solos/more', [fileEntry('/solos/more/b.mid')]),
      fileEntry('/solos/c.mid'),
    ]);
    const data = {
      items: [
        { kind: 'file', webkitGetAsEntry: () => folder },
        { kind: 'file', webkitGetAsEntry: () => fileEntry('/loose.mid') },
      ],
      files: [],
    } as unknown as DataTransfer;
    expect((await fromDrop(data)).map((f) => f.name)).toEqual([
      'solos/a.mid',
      'solos/a.chords.txt',
      'solos/more/b.mid',
      'solos/c.mid',
      'loose.mid',
    ]);
  });

  it('falls back to the plain file list without the entry API', async () => {
    const f = new File(['x'], 'solo.mid');
    expect((await fromDrop({ items: [], files: [f] } as unknown as DataTransfer)).map((p) => p.name)).toEqual(['solo.mid']);
  });
});
