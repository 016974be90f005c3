// Finds a folder under assets/ from a module's own folder: the source tree (models/...) or a bundle
// folder (dist-electron/) below the project; an environment variable overrides it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function locateAsset(name: string, marker: string, envVar: string, moduleUrl: string): string {
  const override = process.env[envVar];
  if (override) return path.resolve(override);
  const here = path.dirname(fileURLToPath(moduleUrl));
  for (let dir = here, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'assets', name);
    if (existsSync(path.join(candidate, marker))) return candidate;
  }
  return path.resolve(here, '..', '..', 'assets', name);
}
