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
# The HTML report of the seed case (`resolve --format html`), and a picture of its top in a
# headless browser when Debian's `chromium` is installed.
cargo build --quiet --release --example resolve
target/release/examples/resolve seeds/blackberry-pakistan-2015.toml --format html > docs/blackberry-report.html
echo "docs/blackberry-report.html"
if command -v chromium >/dev/null 2>&1; then
  chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
    --window-size=1000,1100 --screenshot="$PWD/docs/images/blackberry-page.png" \
    "file://$PWD/docs/blackberry-report.html" 2>/dev/null
  echo "docs/images/blackberry-page.png"
fi
