# Part of `npm run native:install` (scripts/native-install.js): takes from the tensorflow-cpu wheel
# exactly what @tensorflow/tfjs-node's binding needs, laid out like the libtensorflow tarball its
# install script expects: lib/ with the two shared libraries, include/ with the C API headers the
# binding includes and every header those include (followed through the wheel, so a TF release
# that moves a header still stages a complete set). Python because pip, which fetches the wheel,
# brings it, and its zipfile reads the wheel (zip64) with no other tool.
# usage: python3 native-install-wheel.py WHEEL STAGE_DIR
import os
import re
import shutil
import sys
import zipfile

LIBS = ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2']
# What tfjs-node 4.22.0's binding/*.cc and *.h include from TensorFlow.
ROOTS = [
    'tensorflow/c/c_api.h',
    'tensorflow/c/eager/c_api.h',
    'tensorflow/c/tf_datatype.h',
    'tensorflow/c/tf_status.h',
    'tensorflow/c/tf_tensor.h',
    'tensorflow/core/platform/ctstring_internal.h',
]
INCLUDE = 'tensorflow/include/'
QUOTED = re.compile(rb'^\s*#\s*include\s+"([^"]+)"', re.M)


def main(wheel, stage):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        lib_dir = os.path.join(stage, 'lib')
        os.makedirs(lib_dir, exist_ok=True)
        for lib in LIBS:
            member = 'tensorflow/' + lib
            if member not in names:
                sys.exit(f'{wheel} has no {member}: not a TensorFlow wheel this script knows')
            with z.open(member) as src, open(os.path.join(lib_dir, lib), 'wb') as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        todo, seen = list(ROOTS), set()
        while todo:
            header = todo.pop()
            if header in seen:
                continue
            member = INCLUDE + header
            if member not in names:
                if header in ROOTS:
                    sys.exit(f'{wheel} has no {member}, which the tfjs-node binding includes')
                continue  # a system or third-party header the C API never reaches on Linux
            seen.add(header)
            data = z.read(member)
            out = os.path.join(stage, 'include', header)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with open(out, 'wb') as dst:
                dst.write(data)
            todo.extend(m.decode() for m in QUOTED.findall(data))
    print(f'{len(LIBS)} libraries, {len(seen)} headers')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit('usage: native-install-wheel.py WHEEL STAGE_DIR')
    main(sys.argv[1], sys.argv[2])
