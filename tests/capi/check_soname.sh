#!/usr/bin/env bash
# The shared library's SONAME carries the major version.
set -euo pipefail
soname=$(objdump -p "$1" | awk '/SONAME/ {print $2}')
if [ "$soname" != "$2" ]; then echo "SONAME is '$soname', expected '$2'"; echo "0 passed, 1 failed"; exit 1; fi
echo "SONAME $soname"; echo "1 passed, 0 failed"
