#!/usr/bin/env bash
# Compares the dynamic symbols libsopkit defines with the committed list.
# To change the ABI on purpose: regenerate the list with
#   nm -D --defined-only build/dev/src/libsopkit.so | awk '{print $3}' | sed 's/@.*//' | sort -u > capi/exported_symbols.txt
set -euo pipefail
lib=$1 expected=$2
actual=$(nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | grep -v '^SOPKIT_' | sort -u)
bad=$(printf '%s\n' "$actual" | grep -v '^sopkit_' || true)
if [ -n "$bad" ]; then
  echo "symbols outside sopkit_* are exported:"; printf '%s\n' "$bad" | head -20
  echo "0 passed, 1 failed"; exit 1
fi
if ! diff -u "$expected" <(printf '%s\n' "$actual"); then
  echo "exported symbols differ from $expected (see the header of this script to update it)"
  echo "0 passed, 1 failed"; exit 1
fi
echo "$(printf '%s\n' "$actual" | wc -l) symbols as committed"
echo "1 passed, 0 failed"
