#!/usr/bin/env bash
# gofmt, go vet and go test -race of bindings/go against the build installed to
# a staging prefix, found by cgo through its sopkit.pc, as a Go user builds it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/go_env.sh" "$1"
cd "$here"
test -z "$(gofmt -l . ../../examples/embed.go)" || { echo "FAIL: gofmt"; gofmt -l . ../../examples/embed.go; exit 1; }
go vet .
go test -race -count=1 .
