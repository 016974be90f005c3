// The pretrained model that ships with LickLab (assets/default-model, made by
// scripts/train-default-model.ts), so sampling and the dashboard work on first launch.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Find assets/default-model from this module's folder (source tree or a bundle folder below the
 *  project); $LICKLAB_DEFAULT_MODEL overrides. */
function locate(): string {
  if (process.env.LICKLAB_DEFAULT_MODEL) return path.resolve(process.env.LICKLAB_DEFAULT_MODEL);
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'assets', 'default-model');
    if (existsSync(path.join(candidate, 'licklab.json'))) return candidate;
  }
  return path.resolve(here, '..', '..', 'assets', 'default-model');
}

export const DEFAULT_MODEL_DIR = locate();
