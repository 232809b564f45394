# Sourced by the Go test scripts with the build folder as $1: installs the
# build to a staging prefix and points cgo (through its sopkit.pc) and the
# loader at it, as a Go user's set-up does. No network: GOPROXY=off (the
# module uses the standard library only).
# A fixed prefix: Go's build cache keeps the link flags cgo got from
# pkg-config, so a fresh temporary prefix per run would be linked against
# a folder that is gone.
prefix="$1/go-test-prefix"
cmake --install "$1" --prefix "$prefix" >/dev/null
libdir=$(ls -d "$prefix"/lib*/ | head -1)
export PKG_CONFIG_PATH="$libdir/pkgconfig" LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export GOPROXY=off GOFLAGS="-buildvcs=false -mod=mod" GOCACHE="$1/gocache" GOPATH="$1/gopath"
