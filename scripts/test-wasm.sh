#!/usr/bin/env bash
# The WebAssembly binding: installs its tools (idempotent, quiet, fast when present), builds bindings-wasm/pkg,
# replays tests/vectors in Node, runs the error tests, type-checks the typed example, and drives the playground
# (examples/web) in headless Chromium. Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
wasm_dir="$root/bindings-wasm"
say() { printf -- '--- %s\n' "$*"; }

# wasm32 target
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen CLI at exactly the version in Cargo.lock (the glue and the crate must agree)
want="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')"
[ -n "$want" ] || { echo "test-wasm.sh: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
  say "cargo install wasm-bindgen-cli $want (a few minutes, once)"
  cargo install --quiet wasm-bindgen-cli --version "$want" --locked \
    || cargo install --quiet wasm-bindgen-cli --version "$want"
fi

# npm tools (typescript, binaryen's wasm-opt, playwright-core) from the committed lock; skipped when unchanged
stamp="$wasm_dir/node_modules/.wuye-lock"
if ! cmp -s "$wasm_dir/package-lock.json" "$stamp" 2>/dev/null; then
  say "npm ci (bindings-wasm)"
  (cd "$wasm_dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$wasm_dir/package-lock.json" "$stamp"
fi

# Chromium for the browser test
if [ ! -x /usr/bin/chromium ]; then
  say "apt-get install chromium"
  sudo_=""
  [ "$(id -u)" = 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq chromium >/dev/null
fi

# A CJK font, so the screenshot shows 春节 rather than boxes (cosmetic: never fails the run)
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  say "apt-get install fonts-wqy-microhei (for the screenshot)"
  sudo_=""
  [ "$(id -u)" = 0 ] || sudo_=sudo
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1 \
    || echo "test-wasm.sh: no CJK font; the screenshot will show boxes for Chinese text" >&2
fi

say "build bindings-wasm/pkg"
bash "$wasm_dir/build.sh"

say "node --test: tests/vectors replay and errors"
timeout 600 node --test --test-reporter=dot "$wasm_dir"/tests/*.test.mjs

say "tsc --noEmit (typed example)"
"$wasm_dir/node_modules/.bin/tsc" -p "$wasm_dir/tsconfig.json" --noEmit

say "playground in headless Chromium"
mkdir -p "$root/tests/out"
timeout 300 node --test --test-reporter=dot "$wasm_dir/tests/browser/playground.browser.mjs"
