// The packaged app (electron-builder, config in package.json "build") keeps node_modules in
// app.asar, from which no native library can be loaded: every file of tfjs-node that the dynamic
// loader opens (the addon and libtensorflow, which the addon finds through its $ORIGIN-relative
// rpath) must match an asarUnpack pattern, so they sit together in app.asar.unpacked and the
// trainer process's require('@tensorflow/tfjs-node') loads them from there.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nativeProblem } from './native-helpers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgDir = path.join(root, 'node_modules', '@tensorflow', 'tfjs-node');

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${body}$`);
}

function nativeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...nativeFiles(p));
    else if (/\.node$|\.so(\.\d+)*$/.test(e.name)) out.push(path.relative(root, p).split(path.sep).join('/'));
  }
  return out;
}

describe.skipIf(nativeProblem)('Electron packaging of the native backend', () => {
  it('unpacks the tfjs-node addon and libtensorflow from the asar, and does not rebuild the N-API addon', () => {
    const build = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).build as {
      asarUnpack?: string[];
      npmRebuild?: boolean;
    };
    const patterns = (build?.asarUnpack ?? []).map(globToRegExp);
    const files = nativeFiles(pkgDir);
    expect(files.some((f) => f.endsWith('tfjs_binding.node'))).toBe(true);
    expect(files.some((f) => /libtensorflow_cc\.so\.2$/.test(f))).toBe(true);
    expect(files.filter((f) => !patterns.some((re) => re.test(f)))).toEqual([]);
    // electron-builder's default rebuild would re-run tfjs-node's install (a download); the addon
    // is N-API, so the one built here runs in Electron's Node as it is.
    expect(build.npmRebuild).toBe(false);
  });
});
