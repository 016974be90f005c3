// Replacing a folder (a saved model) so that a kill at any step leaves the old folder or the new one
// at the target, never nothing, and no hidden copy behind. A replace is two renames: the target
// goes aside as `.NAME.old-TAG`, the fully written `.NAME.saving-TAG` takes its place. Killed
// between them, the target is missing; the next list, load or save (recoverFolder) finishes the
// replace (both parts of one TAG are there: the new folder was complete before the first rename)
// or puts the old one back, and removes leftovers of finished or abandoned saves.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export type ReplaceStep = 'move-old-aside' | 'move-new-in' | 'sync-parent' | 'remove-old';

export interface ReplaceOptions {
  /** Test hook: runs before each step; throwing there is a kill at that point (nothing after it runs). */
  beforeStep?: (step: ReplaceStep) => void | Promise<void>;
}

const LEFTOVER = /^\.(.+)\.(saving|old)-((\d+)-[\w-]+)$/;
/** Tags of saves running in this process: their folders are not leftovers. */
const activeTags = new Set<string>();

/** A new tag (`PID-TIME-RANDOM`) for a save; the pid tells recovery whether its writer is alive. */
export function newSaveTag(): string {
  const tag = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  activeTags.add(tag);
  return tag;
}

export function stagingPath(target: string, tag: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.saving-${tag}`);
}

function asidePath(target: string, tag: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.old-${tag}`);
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

/** fsync a folder so its renames survive a power cut (not possible everywhere: then best effort). */
async function syncDir(dir: string): Promise<void> {
  const fh = await fs.open(dir, 'r').catch(() => null);
  if (!fh) return;
  try {
    await fh.sync();
  } catch {
    // some file systems cannot fsync a directory
  } finally {
    await fh.close();
  }
}

/** Puts the complete folder `staged` (from stagingPath) at `target`, replacing what is there. */
export async function replaceFolder(target: string, staged: string, tag: string, opts: ReplaceOptions = {}): Promise<void> {
  const aside = asidePath(target, tag);
  const step = async (name: ReplaceStep) => opts.beforeStep?.(name);
  try {
    const hadOld = await exists(target);
    if (hadOld) {
      await step('move-old-aside');
      await fs.rename(target, aside);
    }
    await step('move-new-in');
    try {
      await fs.rename(staged, target);
    } catch (err) {
      if (hadOld) await fs.rename(aside, target); // put the old folder back
      throw err;
    }
    await step('sync-parent');
    await syncDir(path.dirname(target));
    if (hadOld) {
      await step('remove-old');
      // The new folder is in place: a failure here leaves only a leftover for recoverFolder.
      await fs.rm(aside, { recursive: true, force: true }).catch(() => undefined);
    }
  } finally {
    activeTags.delete(tag);
  }
}

/** Forgets a save that failed before replaceFolder (its staging folder is removed by the caller). */
export function abandonSave(tag: string): void {
  activeTags.delete(tag);
}

function writerAlive(tag: string, pid: number): boolean {
  if (activeTags.has(tag)) return true;
  if (pid === process.pid) return false; // our own save of that tag has ended
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Recovery {
  /** What was done, one line each (for logs and tests). */
  actions: string[];
}

/** Finishes or undoes an interrupted replace of `target` and removes the leftovers of saves whose
 *  writer is gone. Safe to call any time; a save in progress (its writer alive) is left alone. */
export async function recoverFolder(target: string): Promise<Recovery> {
  const parent = path.dirname(target);
  const name = path.basename(target);
  const actions: string[] = [];
  const entries = await fs.readdir(parent).catch(() => [] as string[]);
  const mine = entries
    .map((e) => LEFTOVER.exec(e))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === name && !writerAlive(m[3], Number(m[4])));
  if (!mine.length) return { actions };
  const byTag = new Map<string, { saving?: string; old?: string }>();
  for (const m of mine) {
    const parts = byTag.get(m[3]) ?? {};
    parts[m[2] as 'saving' | 'old'] = path.join(parent, m[0]);
    byTag.set(m[3], parts);
  }
  if (!(await exists(target))) {
    // Killed between the two renames: the tag with an `.old` part is the interrupted replace.
    const started = (tag: string) => parseInt(tag.split('-')[1] ?? '0', 36) || 0;
    const newest = [...byTag.entries()].filter(([, p]) => p.old).sort(([a], [b]) => started(b) - started(a))[0];
    if (newest) {
      const [tag, parts] = newest;
      if (parts.saving) {
        await fs.rename(parts.saving, target);
        actions.push(`finished the interrupted replace of ${name} (the new folder of save ${tag} moved in)`);
        parts.saving = undefined;
      } else {
        await fs.rename(parts.old!, target);
        actions.push(`put the previous ${name} back (save ${tag} was interrupted)`);
        parts.old = undefined;
      }
      await syncDir(parent);
    }
  }
  for (const [tag, parts] of byTag) {
    for (const p of [parts.saving, parts.old]) {
      if (!p) continue;
      await fs.rm(p, { recursive: true, force: true });
      actions.push(`removed ${path.basename(p)} (left by save ${tag})`);
    }
  }
  return { actions };
}

/** recoverFolder for every folder in `parent` that has leftovers (a library listing). */
export async function recoverFoldersIn(parent: string): Promise<Recovery> {
  const entries = await fs.readdir(parent).catch(() => [] as string[]);
  const names = new Set(entries.map((e) => LEFTOVER.exec(e)?.[1]).filter((n): n is string => !!n));
  const actions: string[] = [];
  for (const n of names) actions.push(...(await recoverFolder(path.join(parent, n))).actions);
  return { actions };
}
