#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg/: cargo (wasm32) → wasm-bindgen at the Cargo.lock version → wasm-opt
# from npm binaryen → the JS wrapper and the types. Two builds of the same code:
#   web  (browsers, bundlers): size first — cargo profile wasm-release (opt-level z), the core's `slim` feature
#                              (no fast text path: same answers), wasm-opt -Oz;
#   node (servers):            speed first — cargo profile wasm-node (opt-level 3), wasm-opt -O3.
# Needs: the wasm32 target, wasm-bindgen-cli, `npm ci` here (scripts/test-wasm.sh installs all three).
# WASM_OPT_FLAGS overrides the web build's `-Oz`: measured here, `-O1` gives a larger raw module but a smaller gzip
# one (-Oz rewrites code into less compressible shapes); see docs/js.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

want="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
if [ "$want" != "$have" ]; then
  echo "build.sh: wasm-bindgen $want needed (Cargo.lock), found '${have:-none}'; run scripts/test-wasm.sh" >&2
  exit 1
fi
wasm_opt="$here/node_modules/.bin/wasm-opt"
[ -x "$wasm_opt" ] || { echo "build.sh: run \`npm ci\` in bindings-wasm first (binaryen)" >&2; exit 1; }

cargo build --quiet -p wuye-wasm --target wasm32-unknown-unknown --profile wasm-release --features slim
cargo build --quiet -p wuye-wasm --target wasm32-unknown-unknown --profile wasm-node

pkg="$here/pkg"
rm -rf "$pkg"
mkdir -p "$pkg"
# web: ESM for browsers and bundlers (call `await init()` once). node: ESM that loads the module synchronously.
for target in web node; do
  case $target in
    web) flag=web profile=wasm-release opt="${WASM_OPT_FLAGS:--Oz}" ;;
    node) flag=experimental-nodejs-module profile=wasm-node opt=-O3 ;;
  esac
  raw="$root/target/wasm32-unknown-unknown/$profile/wuye_wasm.wasm"
  wasm-bindgen --target "$flag" --out-dir "$pkg/$target" --out-name wuye_wasm \
    --remove-name-section --remove-producers-section "$raw"
  # shellcheck disable=SC2086 # the flags are a list
  "$wasm_opt" $opt "$pkg/$target/wuye_wasm_bg.wasm" -o "$pkg/$target/wuye_wasm_bg.wasm"
  cp "$here/js/wuye.js" "$here/js/$target.js" "$pkg/$target/"
  mv "$pkg/$target/$target.js" "$pkg/$target/index.js"
done
cp "$here/js/index.d.ts" "$here/js/protocol.d.ts" "$here/js/package.json" "$here/README.md" "$pkg/"

for target in web node; do
  wasm="$pkg/$target/wuye_wasm_bg.wasm"
  printf 'bindings-wasm/pkg/%s: wasm %s bytes raw, %s bytes gzip -9\n' "$target" "$(wc -c <"$wasm")" "$(gzip -9c "$wasm" | wc -c)"
done
