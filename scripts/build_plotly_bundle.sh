#!/usr/bin/env bash
# Builds static/plotly/plotly-kpop.min.js: Plotly.js with only the trace types the explorer draws.
#
# Run through `./dev bundle`. Needs Node and npm, here only: the output is committed, so the app
# (and Community Cloud) needs no Node. npm installs into a temporary folder, never the repo.
# Versions are pinned in scripts/plotly-bundle/ (package.json and its lockfile, installed with
# `npm ci`): plotly.js 4.1.1 is the one plotly.py 7.1.0 (requirements.txt) is built against,
# so figures behave alike (Streamlit 1.67 ships 4.2.0, which is not on npm).
set -euo pipefail
cd "$(dirname "$0")/.."

PINNED=scripts/plotly-bundle
PLOTLY_JS_VERSION=$(sed -n 's/.*"plotly.js": "\(.*\)".*/\1/p' "$PINNED/package.json")
TRACES=(scatter bar choropleth scattergeo treemap)  # grep 'go\.' kpop_explorer/ to check
OUT=static/plotly

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
  cp "$PINNED/package.json" "$PINNED/package-lock.json" "$work/"
  cd "$work"
  npm ci --silent --no-audit --no-fund --ignore-scripts >/dev/null
  npm rebuild --silent esbuild >/dev/null  # esbuild's own binary, skipped by --ignore-scripts
  {
    echo "var Plotly = require('plotly.js/lib/core');"
    echo "Plotly.register(["
    for trace in "${TRACES[@]}"; do echo "  require('plotly.js/lib/$trace'),"; done
    echo "]);"
    echo "module.exports = Plotly;"
  } > entry.js
  # As plotly.js's own esbuild-config.js, without the GL and CSS plugins no chosen trace needs.
  npx esbuild entry.js --bundle --minify --format=iife --global-name=Plotly \
    --target=es2016 --define:global=window --define:define.amd=false \
    --define:process.env.NODE_DEBUG=false --legal-comments=external \
    --banner:js="/* plotly.js v$PLOTLY_JS_VERSION (MIT, see LICENSE-plotly.js), traces: ${TRACES[*]} */" \
    --outfile=bundle.min.js --log-level=warning
)
mkdir -p "$OUT"
cp "$work/bundle.min.js" "$OUT/plotly-kpop.min.js"
cp "$work/node_modules/plotly.js/LICENSE" "$OUT/LICENSE-plotly.js"
cp "$work/bundle.min.js.LEGAL.txt" "$OUT/LICENSES-bundled.txt"  # the bundled libraries' notices
ls -l "$OUT"
