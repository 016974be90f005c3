import { describe, expect, it } from 'vitest';
import { channelNames, checkRequest, CHANNELS, CREDITS, EVENTS, TEST_CHANNELS } from '../../api/contract';
import * as s from '../../api/schema';

describe('schema checks', () => {
  it('accepts good values and names the field of a bad one', () => {
    const check = s.object({
      epochs: s.number({ min: 1, max: 500, integer: true }),
      name: s.optional(s.string({ maxLength: 5 })),
      mode: s.oneOf(['a', 'b']),
    });
    expect(check({ epochs: 10, mode: 'a' }, 'payload')).toBeNull();
    expect(check({ epochs: 0, mode: 'a' }, 'payload')).toBe('payload.epochs must be at least 1, got 0');
    expect(check({ epochs: 1.5, mode: 'a' }, 'payload')).toBe('payload.epochs must be a whole number, got 1.5');
    expect(check({ epochs: 1, mode: 'c' }, 'payload')).toBe('payload.mode must be one of "a", "b", got string "c"');
    expect(check({ epochs: 1, mode: 'a', name: 'toolong' }, 'payload')).toBe('payload.name must have at most 5 characters');
    expect(check({ epochs: 1, mode: 'a', extra: 1 }, 'payload')).toBe('payload has an unknown field "extra" (allowed: epochs, name, mode)');
    expect(check([1], 'payload')).toBe('payload must be an object, got an array');
    expect(s.array(s.boolean, { maxLength: 2 })([true, 1], 'flags')).toBe('flags[1] must be true or false, got number 1');
    expect(s.number()(Number.NaN, 'x')).toBe('x must be a finite number, got number NaN');
  });

  it('treats field names of Object.prototype as unknown fields too', () => {
    const check = s.object({ id: s.string() });
    expect(check({ id: 'x', constructor: 1 }, 'p')).toBe('p has an unknown field "constructor" (allowed: id)');
    expect(check({ id: 'x', toString: 'y' }, 'p')).toBe('p has an unknown field "toString" (allowed: id)');
    expect(check(JSON.parse('{"id":"x","__proto__":{"polluted":true}}'), 'p')).toBe('p has an unknown field "__proto__" (allowed: id)');
  });

  it('accepts no payload as undefined, null or {} and rejects anything else', () => {
    expect(s.none(undefined, 'p')).toBeNull();
    expect(s.none(null, 'p')).toBeNull();
    expect(s.none({}, 'p')).toBeNull();
    expect(s.none({ a: 1 }, 'p')).toBe('p takes no payload, got an object');
  });
});

describe('contract', () => {
  it('checks channel names and payloads before anything runs', () => {
    expect(checkRequest('backend:info', undefined, false)).toBeNull();
    expect(checkRequest('backend:info', 'x', false)).toBe('the payload of "backend:info" takes no payload, got string "x"');
    expect(checkRequest('nope', undefined, false)).toBe(`unknown channel "nope" (known: ${channelNames(false).join(', ')})`);
    expect(channelNames(false).slice(0, 2)).toEqual(['app:about', 'backend:info']);
    expect(checkRequest(42, undefined, false)).toBe('the request has no channel name (got number)');
    expect(checkRequest('__proto__', undefined, false)).toMatch(/^unknown channel/);
  });

  it('keeps test channels out unless test mode is on', () => {
    expect(checkRequest('debug:crash', undefined, false)).toBe('the channel "debug:crash" is only available in test mode (LICKLAB_TEST=1)');
    expect(checkRequest('debug:crash', undefined, true)).toBeNull();
    expect(checkRequest('debug:wait', { ms: -1 }, true)).toBe('the payload of "debug:wait".ms must be at least 0, got -1');
    expect(channelNames(false)).toEqual(Object.keys(CHANNELS));
    expect(channelNames(true)).toEqual([...Object.keys(CHANNELS), ...Object.keys(TEST_CHANNELS)]);
  });

  it('names events and credits the piano samples', () => {
    expect(Object.keys(EVENTS)).toEqual(expect.arrayContaining(['backend:down', 'backend:ready']));
    expect(CREDITS.map((c) => c.text).join('\n')).toContain('Piano samples: Salamander Grand Piano by Alexander Holm, CC BY 3.0');
  });
});
