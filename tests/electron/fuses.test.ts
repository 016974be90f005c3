// The Electron fuses set at packaging (scripts/electron-fuses.cjs, electron-builder's afterPack):
// the configuration says RunAsNode, NODE_OPTIONS and --inspect off, cookie encryption, asar
// integrity and only-load-from-asar on; package.json wires the hook; and the hook really flips them
// in a binary that carries Electron's fuse wire (read back with @electron/fuses).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const hook = require(path.join(root, 'scripts/electron-fuses.cjs'));
const fuses = require('@electron/fuses');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'licklab-fuses-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Electron fuses at packaging', () => {
  it('turns off running as Node, NODE_OPTIONS and inspect; turns on cookie encryption and asar-only loading with integrity', () => {
    expect(hook.LICKLAB_FUSES).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
    const wire = hook.fuseWire(hook.LICKLAB_FUSES, fuses);
    expect(wire.version).toBe(fuses.FuseVersion.V1);
    expect(wire[fuses.FuseV1Options.RunAsNode]).toBe(false);
    expect(wire[fuses.FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });

  it("is electron-builder's afterPack hook; the import worker is unpacked from the asar", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.build.afterPack).toBe('scripts/electron-fuses.cjs');
    expect(pkg.build.asarUnpack).toContain('dist-electron/import-worker.cjs');
    expect(pkg.devDependencies['@electron/fuses']).toBeDefined();
    expect(typeof hook.default).toBe('function');
  });

  it('flips the fuses in a packed binary', async () => {
    // A stand-in for the Electron binary: its fuse wire (sentinel, version 1, 8 fuses, all enabled as shipped).
    const appOutDir = path.join(tmp, 'linux-unpacked');
    mkdirSync(appOutDir);
    const binary = path.join(appOutDir, 'licklab');
    const ENABLE = fuses.FuseState?.ENABLE ?? 49;
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.from('\x7fELF...'),
        Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
        Buffer.from([1, 8, ...new Array(8).fill(ENABLE)]),
        Buffer.from('...'),
      ]),
    );
    await hook.default({
      appOutDir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { appInfo: { productFilename: 'LickLab' }, executableName: 'licklab' },
    });
    const read = await fuses.getCurrentFuseWire(binary);
    const on = (name: string) => read[fuses.FuseV1Options[name]] === 49;
    expect(on('RunAsNode')).toBe(false);
    expect(on('EnableNodeOptionsEnvironmentVariable')).toBe(false);
    expect(on('EnableNodeCliInspectArguments')).toBe(false);
    expect(on('GrantFileProtocolExtraPrivileges')).toBe(false);
    expect(on('EnableCookieEncryption')).toBe(true);
    expect(on('EnableEmbeddedAsarIntegrityValidation')).toBe(true);
    expect(on('OnlyLoadAppFromAsar')).toBe(true);
    expect(
      hook.electronBinary({ appOutDir: '/out', electronPlatformName: 'win32', packager: { appInfo: { productFilename: 'LickLab' } } }),
    ).toBe(path.join('/out', 'LickLab.exe'));
  });
});
