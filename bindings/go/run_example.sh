#!/usr/bin/env bash
# examples/embed.go built as a Go user builds it — a module of its own that
# requires the binding through a replace directive to this checkout, no module
# proxy — and its output compared byte for byte with examples/embed.c's.
set -euo pipefail
build=$1 embed_c=$2 source=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/go_env.sh" "$build"
app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT
cp "$source/examples/embed.go" "$app/"
cat > "$app/go.mod" <<MOD
module example.org/embed

go 1.19

require github.com/sopkit/sopkit/bindings/go v0.0.0

replace github.com/sopkit/sopkit/bindings/go => $here
MOD
args=("$source/examples/sop-monev-capaian-kinerja.json" "$source/examples/indicators-disdikbud-2024.csv")
(cd "$app" && go vet . && go build -o embed-go .)
diff <("$embed_c" "${args[@]}") <("$app/embed-go" "${args[@]}")
echo "examples/embed.go prints what examples/embed.c prints"
