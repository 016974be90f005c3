// A tiny, strict flag parser on top of node:util parseArgs: unknown flags are errors (with the
// nearest known flag offered: "did you mean --temperature?"), numbers are checked, and paths are
// shown absolute in messages so a mistake like ../../nope/dir says where that really is.
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error';

/** Edit distance (insert, delete, substitute, swap of neighbours). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known flag closest to a mistyped one, when it is close enough to be a typo. */
export function nearestFlag(typed: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const distance = k.startsWith(typed) && typed.length >= 3 ? 0.5 : editDistance(typed, k);
    if (distance < bestDistance) [best, bestDistance] = [k, distance];
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(typed.length / 3)) ? best : null;
}

/** Node's parseArgs messages, said for a musician at a terminal. */
function flagProblem(err: NodeJS.ErrnoException, known: readonly string[]): string {
  const unknown = /Unknown option '(-{1,2})([^']*)'/.exec(err.message);
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    const flag = `${unknown[1]}${unknown[2]}`;
    const near = nearestFlag(unknown[2], known);
    if (near) return `unknown option ${flag}; did you mean --${near}?`;
    return `unknown option ${flag} (the options are ${known.map((k) => `--${k}`).join(', ')}; --help explains them)`;
  }
  const missing = /Option '(-[^ ']*)(?: <value>)?' argument missing/.exec(err.message);
  if (missing) return `${missing[1]} needs a value`;
  const noValue = /Option '(-[^']*)' does not take an argument/.exec(err.message);
  if (noValue) return `${noValue[1]} is a switch and takes no value`;
  return err.message;
}

export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(flagProblem(err as NodeJS.ErrnoException, Object.keys(options)), 2);
  }
}

/** A path as messages show it: absolute, so the user sees where it really points. */
export function shownPath(p: string): string {
  return path.resolve(p);
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
