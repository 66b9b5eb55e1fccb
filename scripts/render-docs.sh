#!/usr/bin/env bash
# Regenerates the pictures in docs/images/ from the seed case (seeds/blackberry-pakistan-2015.toml):
# the DOT drawings printed by the `blackberry_pakistan` example, rendered to SVG by stock
# Graphviz (`dot -Tsvg`). The DOT sources are kept beside the SVGs; tests/report_snapshots.rs
# fails when they no longer match the renderers' output (then run this script), and
# tests/dot_render.rs renders them with Graphviz.
#
#   scripts/render-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dot >/dev/null 2>&1; then
  echo "error: graphviz \`dot\` is required (e.g. apt-get install graphviz)" >&2
  exit 1
fi
mkdir -p docs/images
cargo build --quiet --release --example blackberry_pakistan
bin=target/release/examples/blackberry_pakistan
for pair in conflict:blackberry-conflict states:blackberry-states path:blackberry-evolution; do
  drawing=${pair%%:*}
  name=${pair#*:}
  "$bin" --dot "$drawing" > "docs/images/$name.dot"
  dot -Tsvg "docs/images/$name.dot" > "docs/images/$name.svg"
  echo "docs/images/$name.svg"
done
