#!/usr/bin/env bash
# The seed job under `php -S` with the php-fpm set-up of docs/embedding.md:
# ffi.enable=preload, ffi.preload=sopkit_ffi.h ($SOPKIT_FFI_HEADER),
# opcache.preload=bindings/php/preload.php. A page that
# reaches sopkit only through the preloaded scope proves the set-up works.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=$((20000 + RANDOM % 20000))
log=$(mktemp)
php -S "127.0.0.1:$port" -t "$here/web" \
  -d ffi.enable=preload -d opcache.enable=1 -d opcache.enable_cli=1 \
  -d ffi.preload="$SOPKIT_FFI_HEADER" \
  -d opcache.preload="$here/../preload.php" -d opcache.preload_user="$(id -un)" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$log"' EXIT
page=""
for _ in $(seq 50); do
  page=$(php -r 'echo @file_get_contents($argv[1]);' "http://127.0.0.1:$port/index.php") && [ -n "$page" ] && break
  sleep 0.1
done
echo "$page"
if ! grep -q '^ffi.enable=preload$' <<<"$page" || ! grep -q '^format=sopkit.analysis/2$' <<<"$page" \
   || ! grep -q '^error=<json>:1:2: not valid JSON' <<<"$page"; then
  echo "FAIL: unexpected page; server log:"; cat "$log"; exit 1
fi
echo "1 passed, 0 failed"
