// Where `licklab train` writes its model folder: the default place, and the checks made before any
// training (an existing folder is replaced only with --force and only if it is a model; the folder
// must be creatable for real), so a run never trains for hours and then cannot save.
import { existsSync, mkdtempSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { META_JSON } from '../models/lstm/model-io';
import { CliError } from './cli-error';

export function defaultOutDir(now = new Date()): string {
  const data = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  const stamp = now.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
  return path.join(data, 'licklab', 'models', stamp);
}

/** Can the model folder be made at `out`? Tried for real (a probe folder in the nearest existing
 *  ancestor, removed at once): a permission check says yes to root even on a read-only or
 *  pseudo file system, and the answer is needed before hours of training, not after. */
function checkWritable(out: string): void {
  let dir = path.dirname(out);
  while (!existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  if (!statSync(dir).isDirectory()) throw new CliError(`cannot write the model folder ${out}: ${dir} is a file, not a folder`);
  try {
    rmdirSync(mkdtempSync(path.join(dir, '.licklab-write-test-')));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : (err as Error).message;
    throw new CliError(`cannot write the model folder ${out}: cannot create folders in ${dir} (${why})`);
  }
}

export function checkOut(out: string, force: boolean): void {
  if (!existsSync(out)) return checkWritable(out);
  if (!force) throw new CliError(`${out} already exists; choose another --out or replace it with --force`);
  if (!statSync(out).isDirectory()) throw new CliError(`${out} exists and is not a folder; refusing to replace it`);
  const entries = readdirSync(out);
  if (entries.length > 0 && !entries.includes(META_JSON))
    throw new CliError(`${out} is not a LickLab model folder; refusing to replace it even with --force`);
  checkWritable(out);
}
