// Seeded random numbers with "common random numbers": the uniform draw for (seed, step, slot,
// attempt) is a pure hash of those four integers, never a running stream. So two takes with the
// same seed use the very same uniforms at every step, whatever happened before, and changing only
// the temperature changes only what the temperature changes (the listener hears T, not a new dice roll).

/** Bring any finite number (or a string) to a 32-bit unsigned seed; equal inputs give equal seeds. */
export function normalizeSeed(seed: number | string): number {
  if (typeof seed === 'string') {
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  const n = Math.trunc(seed);
  // Fold the high bits in, so seeds beyond 2^32 stay distinct from their low 32 bits.
  const hi = Math.floor(n / 4294967296);
  return (mix32((n >>> 0) ^ mix32(hi >>> 0)) ^ (hi ? 0x9e3779b9 : 0)) >>> 0;
}

/** A strong 32-bit integer mixer (the finalizer of murmur3 / lowbias32 family). */
export function mix32(x: number): number {
  x >>>= 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Uniform in [0, 1) determined only by (seed, step, slot, attempt); 53-bit resolution. */
export function crnUniform(seed: number, step: number, slot = 0, attempt = 0): number {
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(step + 1, 0x85ebca6b));
  h = mix32(h ^ Math.imul(slot + 1, 0xc2b2ae35));
  h = mix32(h ^ Math.imul(attempt + 1, 0x27d4eb2f));
  const lo = mix32(h ^ 0x165667b1);
  return (h * 2097152 + (lo >>> 11)) / 9007199254740992; // (h << 21 | lo >> 11) / 2^53
}

/** The draws of one take: `uniform(step, slot, attempt)` depends only on the seed and its arguments
 *  (the sampler passes the event's onset tick as `step`). */
export class CommonRandom {
  readonly seed: number;
  constructor(seed: number | string) {
    this.seed = normalizeSeed(seed);
  }
  uniform(step: number, slot = 0, attempt = 0): number {
    return crnUniform(this.seed, step, slot, attempt);
  }
}
