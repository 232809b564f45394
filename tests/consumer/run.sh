#!/usr/bin/env bash
# Installs the build to a staging prefix, then builds a C and a C++ consumer
# against it twice: with find_package(sopkit CONFIG) and with pkg-config.
set -euo pipefail
build=$1 src=$2 seed=$3
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cmake --install "$build" --prefix "$stage/prefix" >/dev/null
libdir=$(ls -d "$stage"/prefix/lib*/ | head -1)
export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

cmake -S "$src" -B "$stage/cmake-build" -G Ninja -DCMAKE_PREFIX_PATH="$stage/prefix" >/dev/null
cmake --build "$stage/cmake-build" >/dev/null
"$stage/cmake-build/consumer_c" "$seed"
"$stage/cmake-build/consumer_cxx" "$seed"

export PKG_CONFIG_PATH="$libdir/pkgconfig"
cc -std=c99 -pedantic -Wall -Werror "$src/consumer.c" $(pkg-config --cflags --libs sopkit) -o "$stage/pc_c"
c++ -std=c++17 -Wall -Werror "$src/consumer.cpp" $(pkg-config --cflags --libs sopkit) -o "$stage/pc_cxx"
"$stage/pc_c" "$seed"
"$stage/pc_cxx" "$seed"
echo "4 passed, 0 failed"
