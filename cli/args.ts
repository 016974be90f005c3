// A tiny, strict flag parser on top of node:util parseArgs: unknown flags are errors, numbers are checked.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error';

export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
}

/** Parse a numeric flag; `check` returns an error text when the value is out of range. */
export function numberFlag(name: string, raw: string | undefined, fallback: number, check?: (n: number) => string | undefined): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new CliError(`--${name} must be a number, got "${raw}"`, 2);
  const problem = check?.(n);
  if (problem) throw new CliError(`--${name} ${problem}, got ${raw}`, 2);
  return n;
}
