// mkdir -p that always returns. Node's recursive mkdir never settles under /proc (procfs answers
// ENOENT for a folder whose parent exists, and Node retries that forever); this one creates the
// missing folders one level at a time and fails with that ENOENT.
import { promises as fs } from 'node:fs';
import path from 'node:path';

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    },
  );
}

export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !(await exists(d)); d = path.dirname(d)) {
    missing.push(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    await fs.mkdir(d).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
}
