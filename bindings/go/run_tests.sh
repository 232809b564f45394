#!/usr/bin/env bash
# go vet and go test -race of bindings/go against the build installed to a
# staging prefix, found by cgo through its sopkit.pc, as a Go user builds it.
# No network: GOPROXY=off (the module uses the standard library only).
set -euo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cmake --install "$build" --prefix "$stage/prefix" >/dev/null
libdir=$(ls -d "$stage"/prefix/lib*/ | head -1)
export PKG_CONFIG_PATH="$libdir/pkgconfig" LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export GOPROXY=off GOFLAGS=-buildvcs=false GOCACHE="$build/gocache" GOPATH="$build/gopath"
cd "$here"
test -z "$(gofmt -l .)" || { echo "FAIL: gofmt"; gofmt -l .; exit 1; }
go vet .
go test -race -count=1 .
