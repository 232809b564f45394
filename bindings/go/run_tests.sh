#!/usr/bin/env bash
# go vet and go test -race of bindings/go against the build installed to a
# staging prefix, found by cgo through its sopkit.pc, as a Go user builds it.
# No network: GOPROXY=off (the module uses the standard library only).
set -euo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
# A fixed prefix: Go's build cache keeps the link flags cgo got from
# pkg-config, so a fresh temporary prefix per run would be linked against
# a folder that is gone.
prefix="$build/go-test-prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(ls -d "$prefix"/lib*/ | head -1)
export PKG_CONFIG_PATH="$libdir/pkgconfig" LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export GOPROXY=off GOFLAGS=-buildvcs=false GOCACHE="$build/gocache" GOPATH="$build/gopath"
cd "$here"
test -z "$(gofmt -l .)" || { echo "FAIL: gofmt"; gofmt -l .; exit 1; }
go vet .
go test -race -count=1 .
