// A tiny payload-validation helper for the contract (no dependencies): each check returns null when
// the value is fine, or one clear sentence saying what is wrong and where.
export type Check = (value: unknown, where: string) => string | null;

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'undefined')
    return `${typeof value} ${String(value)}`.replace('undefined undefined', 'nothing');
  return `${typeof value} ${JSON.stringify(value) ?? ''}`.slice(0, 60);
}

/** No payload: `undefined`, `null` or `{}` are accepted (JSON and IPC may turn one into another). */
export const none: Check = (value, where) =>
  value === undefined || value === null || (isPlainObject(value) && Object.keys(value).length === 0)
    ? null
    : `${where} takes no payload, got ${kind(value)}`;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function string(opts: { minLength?: number; maxLength?: number } = {}): Check {
  const { minLength = 0, maxLength = 10_000 } = opts;
  return (value, where) => {
    if (typeof value !== 'string') return `${where} must be a string, got ${kind(value)}`;
    if (value.length < minLength) return `${where} must have at least ${minLength} characters`;
    if (value.length > maxLength) return `${where} must have at most ${maxLength} characters`;
    return null;
  };
}

export function number(opts: { min?: number; max?: number; integer?: boolean } = {}): Check {
  return (value, where) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${where} must be a finite number, got ${kind(value)}`;
    if (opts.integer && !Number.isInteger(value)) return `${where} must be a whole number, got ${value}`;
    if (opts.min !== undefined && value < opts.min) return `${where} must be at least ${opts.min}, got ${value}`;
    if (opts.max !== undefined && value > opts.max) return `${where} must be at most ${opts.max}, got ${value}`;
    return null;
  };
}

export const boolean: Check = (value, where) => (typeof value === 'boolean' ? null : `${where} must be true or false, got ${kind(value)}`);

export function oneOf(values: readonly (string | number)[]): Check {
  return (value, where) =>
    values.includes(value as string | number)
      ? null
      : `${where} must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}, got ${kind(value)}`;
}

export function array(item: Check, opts: { maxLength?: number } = {}): Check {
  const { maxLength = 100_000 } = opts;
  return (value, where) => {
    if (!Array.isArray(value)) return `${where} must be an array, got ${kind(value)}`;
    if (value.length > maxLength) return `${where} must have at most ${maxLength} items, got ${value.length}`;
    for (let i = 0; i < value.length; i++) {
      const problem = item(value[i], `${where}[${i}]`);
      if (problem) return problem;
    }
    return null;
  };
}

export function optional(check: Check): Check {
  return (value, where) => (value === undefined ? null : check(value, where));
}

/** An object with exactly these fields (unknown fields are errors, so typos never pass silently). */
export function object(shape: Record<string, Check>): Check {
  return (value, where) => {
    if (!isPlainObject(value)) return `${where} must be an object, got ${kind(value)}`;
    for (const key of Object.keys(value)) {
      // Own keys only: `in` would let "constructor", "toString" or "__proto__" through unchecked.
      if (!Object.hasOwn(shape, key)) return `${where} has an unknown field "${key}" (allowed: ${Object.keys(shape).join(', ') || 'none'})`;
    }
    for (const [key, check] of Object.entries(shape)) {
      const problem = check(value[key], `${where}.${key}`);
      if (problem) return problem;
    }
    return null;
  };
}
