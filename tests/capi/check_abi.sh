#!/usr/bin/env bash
# abidiff of libsopkit against the committed ABI baseline. Additions are
# compatible and pass; a removed or changed function or type fails.
# To move the baseline on purpose (new functions, or a new major version):
#   abidw --no-corpus-path --headers-dir include/sopkit build/dev/src/libsopkit.so \
#     | xz -9 > capi/abi/libsopkit.abi.xz
set -uo pipefail
lib=$1 baseline=$2 suppressions=$3
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
xz -dc "$baseline" > "$tmp" || { echo "cannot read $baseline"; echo "0 passed, 1 failed"; exit 1; }
abidiff --suppressions "$suppressions" --no-added-syms "$tmp" "$lib"
rc=$?
# abidiff's exit code is a bit field: 1 error, 2 usage, 4 ABI change, 8 incompatible change.
if (( rc & 1 || rc & 2 || rc & 8 )); then
  echo "abidiff exit $rc: incompatible ABI change (or abidiff failed)"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "abidiff exit $rc: compatible with the baseline"
echo "1 passed, 0 failed"
