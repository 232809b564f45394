#!/usr/bin/env bash
# The ABI gate must fail on an incompatible change: feed check_abi.sh a corpus
# in which one exported function has disappeared (renamed), as a release that
# dropped it would look, and expect it to refuse.
set -uo pipefail
here=$(dirname "$0")
baseline=$1 suppressions=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xz -dc "$baseline" | sed "s/'sopkit_version_number'/'sopkit_version_numbr'/g" > "$tmp/broken.abi"
if grep -q "sopkit_version_numbr" "$tmp/broken.abi" &&
   ! "$here/check_abi.sh" "$tmp/broken.abi" "$baseline" "$suppressions" > "$tmp/out" 2>&1; then
  echo "the gate refused a corpus without sopkit_version_number"
  echo "1 passed, 0 failed"
  exit 0
fi
cat "$tmp/out"
echo "the gate accepted an incompatible change"
echo "0 passed, 1 failed"
exit 1
