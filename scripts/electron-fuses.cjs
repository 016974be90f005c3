// electron-builder afterPack hook (package.json build.afterPack): flips the Electron fuses of the
// packaged binary, so the shipped app cannot be turned into a plain Node.js (RunAsNode,
// NODE_OPTIONS, --inspect), keeps cookies encrypted, loads its code only from its own app.asar and
// checks that archive's integrity, and gives file:// no extra privileges (the page is on app://).
// CommonJS because electron-builder require()s hooks and the project is "type": "module".
const path = require('node:path');

/** The fuses LickLab ships with, by @electron/fuses FuseV1Options name (the test reads this). */
const LICKLAB_FUSES = Object.freeze({
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
});

/** The Electron executable electron-builder just packed, per platform. */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName ?? name.toLowerCase());
}

/** The fuse wire for flipFuses: { version, [FuseV1Options.X]: value, ... }. */
function fuseWire(fuses, { FuseVersion, FuseV1Options }, resetAdHocDarwinSignature = false) {
  const wire = { version: FuseVersion.V1, resetAdHocDarwinSignature };
  for (const [name, value] of Object.entries(LICKLAB_FUSES)) {
    if (!(name in FuseV1Options)) throw new Error(`@electron/fuses has no fuse ${name}: update it or this list`);
    wire[FuseV1Options[name]] = value;
  }
  return wire;
}

async function afterPack(context) {
  const fuses = require('@electron/fuses');
  const binary = electronBinary(context);
  // Arm64 macOS binaries must be re-signed ad hoc after their bytes change.
  const darwinArm = context.electronPlatformName === 'darwin' && context.arch === 3; // electron-builder Arch.arm64
  await fuses.flipFuses(binary, fuseWire(LICKLAB_FUSES, fuses, darwinArm));
  console.log(`licklab: fuses set on ${binary}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.LICKLAB_FUSES = LICKLAB_FUSES;
module.exports.fuseWire = fuseWire;
module.exports.electronBinary = electronBinary;
