"""``python -m sopkit``: the sopkit program itself, shipped in this package.

    python -m sopkit VERB ...      # exactly `sopkit VERB ...` (sopkit help lists the verbs)

The package carries the command-line program beside its library
(``sopkit/sopkit-cli``, built from the same sources), and this module runs it
with the same arguments, standard streams and exit code: every verb, the
calendar chosen by the year of the data, the messages and the exit codes (0
done, 1 the input has errors, 2 usage or I/O problem) are the CLI's own, not a
second implementation of them.
"""
from __future__ import annotations

import os
import subprocess
import sys
from typing import List, Optional, Sequence

CLI_NAME = "sopkit-cli"


def cli_path() -> Optional[str]:
    """The sopkit program of this package, or None when it is not there."""
    import sopkit

    for folder in sopkit.__path__:
        candidate = os.path.join(folder, CLI_NAME)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def main(argv: Optional[Sequence[str]] = None) -> int:
    args: List[str] = list(sys.argv[1:] if argv is None else argv)
    cli = cli_path()
    if cli is None:
        print(f"sopkit: this installation has no {CLI_NAME} beside the sopkit package; "
              "reinstall the package (its build copies the sopkit program into it)",
              file=sys.stderr)
        return 2
    sys.stdout.flush()
    sys.stderr.flush()
    with subprocess.Popen([cli, *args]) as program:
        while True:
            try:
                code = program.wait()
                break
            except KeyboardInterrupt:  # the program got the same Ctrl-C: it decides
                continue
    # A program killed by a signal: the code a shell reports (128 + signal number).
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    sys.exit(main())
