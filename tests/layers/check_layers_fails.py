#!/usr/bin/env python3
"""The layer check must fail on a tree with an upward include: a copy of the
folders it reads, with src/model including an io header, tools/ including a
private header of io, and with a folder no layer claims. Usage: check_layers_fails.py CHECKER SOURCE_DIR"""
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    checker, root = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        for folder in ("src", "include", "capi", "tools"):
            shutil.copytree(os.path.join(root, folder), os.path.join(tmp, folder))
        with open(os.path.join(tmp, "src", "model", "upward.cpp"), "w") as f:
            f.write('#include "io/detail/files.hpp"\n')
        with open(os.path.join(tmp, "tools", "private.cpp"), "w") as f:
            f.write('#include "io/detail/analysis_json.hpp"\n')
        # The file reader is public now (sopkit/files.hpp): its private
        # header is refused in the CLI again.
        with open(os.path.join(tmp, "tools", "cli_util.cpp"), "a") as f:
            f.write('#include "io/detail/files.hpp"\n')
        os.makedirs(os.path.join(tmp, "src", "unclaimed"))
        r = subprocess.run([sys.executable, checker, tmp], capture_output=True, text=True)
        print(r.stdout, end="")
        upward = 'src/model/upward.cpp: model includes "io/detail/files.hpp"' in r.stdout
        private = ('tools/private.cpp: tools includes the private header '
                   '"io/detail/analysis_json.hpp"') in r.stdout
        files = ('tools/cli_util.cpp: tools includes the private header '
                 '"io/detail/files.hpp"') in r.stdout
        unclaimed = "src/unclaimed: a folder no layer claims" in r.stdout
        ok = r.returncode == 1 and upward and private and files and unclaimed
        print("the check fails as it should" if ok else "the check did not fail as it should")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
