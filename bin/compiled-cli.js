// Is the compiled command line (dist-cli/, made by scripts/build-cli.js) there and built from the
// sources as they are now? bin/licklab.js runs it when it is, else the TypeScript through tsx, so an
// edited source is never shadowed by an old build. Checking costs one stat per source file (~2 ms);
// a file whose time differs (a packed tarball resets times, a checkout touches files) is compared by
// content hash.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const BUILD_DIR = 'dist-cli';
export const BUILD_INFO = 'build.json';

/** { entry } (dist-cli/main.mjs) when the build is fresh, else { reason } saying why it cannot run. */
export function compiledCli(root) {
  const dir = path.join(root, BUILD_DIR);
  let info;
  try {
    info = JSON.parse(readFileSync(path.join(dir, BUILD_INFO), 'utf8'));
  } catch {
    return { reason: `the compiled command line (${BUILD_DIR}/) is missing` };
  }
  if (!Array.isArray(info?.inputs) || info.inputs.length === 0) return { reason: `${BUILD_DIR}/${BUILD_INFO} is unreadable` };
  for (const { file, size, mtimeMs, sha1 } of info.inputs) {
    const source = path.join(root, file);
    let st;
    try {
      st = statSync(source);
    } catch {
      return { reason: `${file} is gone since ${BUILD_DIR}/ was built` };
    }
    if (st.size !== size || (st.mtimeMs !== mtimeMs && fileSha1(source) !== sha1))
      return { reason: `${file} changed since ${BUILD_DIR}/ was built` };
  }
  return { entry: path.join(dir, 'main.mjs') };
}

export function fileSha1(file) {
  return createHash('sha1').update(readFileSync(file)).digest('hex');
}
