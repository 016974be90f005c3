// Takes on disk: one JSON file per take in the user's takes folder (dataPath('takes')). Every write
// goes to a temp file in the same folder and is renamed over the target, so a crash never leaves half
// a take; a file that cannot be read is reported with its reason and left alone.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../models/write-atomic';
import { MAX_TAKE_NAME, TAKE_ID_PATTERN, type TakeList, type TakeRecord, type TakeUpdate } from '../../api/takes';
import { INSTRUMENT_IDS, isInstrumentId } from '../../models/music/instruments';

export function newTakeId(now = Date.now()): string {
  return `${now.toString(36)}-${randomBytes(4).toString('hex')}`;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Why this parsed JSON is not a take, or null when it is one. */
export function takeProblem(v: unknown): string | null {
  if (!isObj(v)) return 'not a JSON object';
  if (v.formatVersion !== 1) return `unknown take format version ${JSON.stringify(v.formatVersion) ?? '(none)'}`;
  if (typeof v.id !== 'string' || !TAKE_ID_PATTERN.test(v.id)) return 'missing or malformed take id';
  if (typeof v.name !== 'string') return 'missing name';
  if (typeof v.createdAt !== 'string') return 'missing creation time'; // the list sorts by it
  if (!isObj(v.settings) || !isNum(v.settings.temperature) || !isNum(v.settings.seed) || !isNum(v.settings.tempo))
    return 'missing or malformed settings';
  if (v.settings.instrument !== undefined && !isInstrumentId(v.settings.instrument))
    return `unknown instrument ${JSON.stringify(v.settings.instrument)} (known: ${INSTRUMENT_IDS.join(', ')})`;
  if (!Array.isArray(v.notes)) return 'missing notes';
  for (const n of v.notes as unknown[]) {
    if (!isObj(n) || !isNum(n.pitch) || !isNum(n.start) || !isNum(n.dur) || !isNum(n.velocity)) return 'a note is malformed';
  }
  if (!Array.isArray(v.chords) || !Array.isArray(v.bars)) return 'missing chords or bars';
  if (!isObj(v.metrics)) return 'missing metrics';
  if (v.primer !== undefined) {
    const p = v.primer;
    if (!isObj(p) || !isNum(p.start) || !isNum(p.end) || !isNum(p.bars) || !isNum(p.notes) || p.end <= p.start)
      return 'a malformed primer (start, end, bars, notes)';
  }
  return null;
}

export class TakeStore {
  constructor(readonly dir: string) {}

  private file(id: string): string {
    if (!TAKE_ID_PATTERN.test(id)) throw new Error(`"${id.slice(0, 40)}" is not a take id`);
    return path.join(this.dir, `${id}.json`);
  }

  /** Writes the take atomically (temp file + rename in the same folder). */
  save(take: TakeRecord): TakeRecord {
    const problem = takeProblem(take);
    if (problem) throw new Error(`refusing to store a malformed take: ${problem}`);
    mkdirSync(this.dir, { recursive: true });
    const target = this.file(take.id);
    try {
      writeFileAtomic(target, JSON.stringify(take));
    } catch (err) {
      throw new Error(`could not store take "${take.name}": ${(err as Error).message}`, { cause: err });
    }
    return take;
  }

  get(id: string): TakeRecord {
    let text: string;
    try {
      text = readFileSync(this.file(id), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error(`there is no take with id ${id} (was it deleted?)`, { cause: err });
      throw err;
    }
    let take: unknown;
    try {
      take = JSON.parse(text);
    } catch (err) {
      throw new Error(`the take file ${id}.json is unreadable: not valid JSON (${(err as Error).message})`, { cause: err });
    }
    const problem = takeProblem(take);
    if (problem) throw new Error(`the take file ${id}.json is unreadable: ${problem}`);
    return take as TakeRecord;
  }

  /** Every readable take, newest first; unreadable files are listed in `skipped` with their reason. */
  list(): TakeList {
    const takes: TakeRecord[] = [];
    const skipped: TakeList['skipped'] = [];
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { takes, skipped };
      throw err;
    }
    for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
      try {
        const parsed = JSON.parse(readFileSync(path.join(this.dir, name), 'utf8')) as unknown;
        const problem = takeProblem(parsed);
        if (problem) skipped.push({ file: name, reason: problem });
        else if ((parsed as TakeRecord).id !== name.slice(0, -5))
          skipped.push({ file: name, reason: 'the file name does not match the take id inside' });
        else takes.push(parsed as TakeRecord);
      } catch (err) {
        skipped.push({ file: name, reason: err instanceof SyntaxError ? `not valid JSON (${err.message})` : (err as Error).message });
      }
    }
    takes.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    return { takes, skipped };
  }

  update(id: string, patch: Omit<TakeUpdate, 'id'>): TakeRecord {
    const take = this.get(id);
    if (patch.name !== undefined) {
      const name = patch.name.trim();
      if (!name) throw new Error('a take needs a name (got only spaces)');
      take.name = name.slice(0, MAX_TAKE_NAME);
    }
    if (patch.starred !== undefined) take.starred = patch.starred;
    if (patch.instrument !== undefined) {
      if (!isInstrumentId(patch.instrument))
        throw new Error(`unknown instrument "${patch.instrument}" (known: ${INSTRUMENT_IDS.join(', ')})`);
      take.settings.instrument = patch.instrument;
    }
    return this.save(take);
  }

  delete(id: string): void {
    const file = this.file(id);
    try {
      rmSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error(`there is no take with id ${id} (already deleted?)`, { cause: err });
      throw err;
    }
  }
}
