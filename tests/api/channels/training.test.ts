// Payload validation of the training dashboard's channels: good payloads pass, every bad one gets a
// sentence naming the field.
import { describe, expect, it } from 'vitest';
import { checkRequest, EVENTS } from '../../../api/contract';
import { MAX_UPLOAD_FILE_BYTES, TRAINING_CHANNELS, TRAINING_EVENTS } from '../../../api/channels/training';

const check = (channel: string, payload: unknown) => checkRequest(channel, payload, false);

describe('training channels', () => {
  it('are part of the contract, with their events', () => {
    for (const name of Object.keys(TRAINING_CHANNELS))
      expect(check(name, undefined) === null || typeof check(name, undefined) === 'string').toBe(true);
    for (const e of Object.keys(TRAINING_EVENTS)) expect(Object.hasOwn(EVENTS, e)).toBe(true);
    expect(TRAINING_CHANNELS['train:start'].runsIn).toBe('trainer');
    expect(TRAINING_CHANNELS['corpus:upload'].runsIn).toBe('main');
    expect(TRAINING_CHANNELS['models:list'].runsIn).toBe('main');
  });

  it('accepts good payloads', () => {
    expect(check('corpus:report', undefined)).toBeNull();
    expect(check('corpus:upload', { files: [{ name: 'a/b.mid', data: 'TVRoZA==' }] })).toBeNull();
    expect(check('corpus:add', { folders: true })).toBeNull();
    expect(check('corpus:remove', { path: '/x/y.mid' })).toBeNull();
    expect(
      check('train:start', {
        preset: 'custom',
        hyperparameters: { units: 8, window: 16, learningRate: 0.02 },
        devFraction: 0.2,
        seed: 3,
        sampleEvery: 2,
      }),
    ).toBeNull();
    expect(check('train:start', { preset: 'default' })).toBeNull();
    expect(check('train:start', { preset: 'default', startFrom: '@default' })).toBeNull();
    expect(check('train:start', { preset: 'solos', startFrom: 'wjd - solos - 12 epochs' })).toBeNull();
    expect(check('train:stop', undefined)).toBeNull();
    expect(check('models:rename', { id: 'my model', name: 'better' })).toBeNull();
    expect(check('models:upload', { uploadId: 'abc123', index: 0, total: 2, data: 'AAAA' })).toBeNull();
  });

  it('rejects bad payloads with the field named', () => {
    expect(check('train:start', { preset: 'huge' })).toMatch(/preset must be one of "coursera", "default", "solos", "custom"/);
    expect(check('train:start', { preset: 'default', startFrom: 5 })).toMatch(/startFrom must be a string/);
    expect(check('train:start', { preset: 'default', startFrom: '' })).toMatch(/startFrom/);
    expect(check('train:start', { preset: 'default', startFrom: 'x'.repeat(81) })).toMatch(/startFrom/);
    expect(check('train:start', { preset: 'custom', hyperparameters: { unitz: 8 } })).toMatch(
      /hyperparameters has an unknown field "unitz"/,
    );
    expect(check('train:start', { preset: 'custom', hyperparameters: { units: 8.5 } })).toMatch(
      /units must be an integer in \[1, 2048\], got 8.5/,
    );
    expect(check('train:start', { preset: 'custom', seed: 'one' })).toMatch(
      /seed must be an integer in \[-2147483648, 2147483647\], got "one"/,
    );
    expect(check('train:start', { preset: 'custom', hyperparameters: { learningRate: -1 } })).toMatch(
      /learningRate must be in \(0, 10\], got -1/,
    );
    expect(check('corpus:upload', { files: [{ name: 'a.mid' }] })).toMatch(/files\[0\]\.data must be a string/);
    expect(check('corpus:upload', { files: [{ name: 'a.mid', data: 'A'.repeat(Math.ceil(MAX_UPLOAD_FILE_BYTES / 3) * 4 + 8) }] })).toMatch(
      /data must have at most/,
    );
    expect(check('corpus:upload', { files: [], extra: 1 })).toMatch(/unknown field "extra"/);
    expect(check('corpus:add', {})).toMatch(/folders must be true or false/);
    expect(check('corpus:use-default', { path: '/etc' })).toMatch(/takes no payload/);
    expect(check('models:delete', { id: '' })).toMatch(/id must have at least 1 characters/);
    expect(check('models:upload', { uploadId: 'abc123', index: -1, total: 1, data: '' })).toMatch(/index must be at least 0/);
  });
});
