#!/usr/bin/env bash
# The installed FFI header (include/sopkit/sopkit_ffi.h): valid C99 on its own,
# declaring exactly the functions the library exports, read by PHP's own FFI
# parser (FFI::load: FFI_SCOPE and FFI_LIB) with the enum constants visible,
# and the library found by its soname once the prefix is on the loader's path.
# Exit 77 (skipped) only when php with FFI is absent; scripts/install-deps
# installs it.
set -euo pipefail
build=$1 exported=$2
php --ri FFI >/dev/null 2>&1 || { echo "skipped: php with FFI not installed"; exit 77; }
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cmake --install "$build" --prefix "$stage/prefix" >/dev/null
libdir=$(ls -d "$stage"/prefix/lib*/ | head -1)
ffi="$stage/prefix/include/sopkit/sopkit_ffi.h"
passed=0

if grep -nE '^[[:space:]]*#' "$ffi" | grep -vE '^[12]:#define FFI_(SCOPE "SOPKIT"|LIB "libsopkit\.so\.[0-9]+")$'; then
  echo "FAIL: preprocessor lines other than FFI_SCOPE/FFI_LIB"; exit 1
fi
if grep -nE '__attribute__|__declspec|SOPKIT_API|extern "C"|/\*' "$ffi"; then
  echo "FAIL: attributes, SOPKIT_API, extern \"C\" or comments left"; exit 1
fi
passed=$((passed + 1))

cc -std=c99 -pedantic -Wall -Werror -fsyntax-only -include stddef.h -include stdint.h -x c "$ffi"
passed=$((passed + 1))

declared=$(grep -oE '\bsopkit_[a-z0-9_]+\(' "$ffi" | tr -d '(' | sort -u)
if ! diff <(echo "$declared") <(grep -E '^sopkit_' "$exported" | sort -u); then
  echo "FAIL: functions declared in sopkit_ffi.h differ from capi/exported_symbols.txt"; exit 1
fi
passed=$((passed + 1))

export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
php -d ffi.enable=1 -r '
  $f = FFI::load($argv[1]);
  $ok = $f->SOPKIT_POLARITY_NEGATIVE === 1 && $f->SOPKIT_STORE_NO_CREATE === 2
     && $f->SOPKIT_VERDICT_UNTIMED === 2 && $f->SOPKIT_EVALUATE_OPTIONS_VERSION === 2
     && $f->SOPKIT_EFORMAT === -3;
  // A versioned options struct filled by the library, and the render enums.
  $opts = $f->new("sopkit_render_options");
  $ok = $ok && $f->sopkit_render_options_init(FFI::addr($opts)) === 0
     && $opts->version === $f->SOPKIT_RENDER_OPTIONS_VERSION && $opts->page_width == 1123.0
     && $f->SOPKIT_RENDER_SVG_PAGES === 4 && $f->SOPKIT_LANG_EN === 1;
  $sop = $f->new("sopkit_sop*");
  $rc = $f->sopkit_sop_load_json(FFI::addr($sop), "{", 1);
  $msg = $f->sopkit_last_error();
  if (!$ok || $rc !== $f->SOPKIT_EPARSE || strpos($msg, "<json>:1:2") !== 0) {
    fwrite(STDERR, "FAIL: PHP FFI: ok=" . var_export($ok, true) . " rc=$rc msg=$msg\n");
    exit(1);
  }
  echo "php ", PHP_VERSION, " loaded sopkit ", $f->sopkit_version(), "\n";' "$ffi"
passed=$((passed + 1))

if [ -e "$libdir/libsopkit.so" ]; then
  # A shared build: pkg-config --cflags must not need simdjson.pc or sqlite3.pc.
  PKG_CONFIG_LIBDIR="$libdir/pkgconfig" pkg-config --cflags --libs sopkit >/dev/null
  passed=$((passed + 1))
fi
echo "$passed passed, 0 failed"
