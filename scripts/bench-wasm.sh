#!/usr/bin/env bash
# Benchmarks the wasm package in Node against the native core on the same protocol requests
# (bindings-wasm/bench/requests.json), in one run: ops/s (median of 5 rounds) and the native/Node ratio, plus
# the package's wasm size. Not part of the tests. Needs what scripts/test-wasm.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bindings-wasm/build.sh
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
echo "--- native (cargo bench -p wuye-wasm --bench native)"
cargo bench --quiet -p wuye-wasm --bench native | tee -a "$out"
echo "--- node $(node --version) (wasm)"
node bindings-wasm/bench/node.mjs | tee -a "$out"
echo "--- summary"
node - "$out" <<'JS'
const lines = require('fs').readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.startsWith('{'));
const rows = lines.map((l) => JSON.parse(l)).filter((r) => !r.missing);
const native = Object.fromEntries(rows.filter((r) => r.side === 'native').map((r) => [`${r.case} ${r.mode}`, r.ops]));
const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(12);
console.log(`${'case'.padEnd(28)}${'node ops/s'.padStart(12)}${'native ops/s'.padStart(14)}  native/node`);
for (const r of rows.filter((r) => r.side === 'node')) {
  const base = native[`${r.case} ${r.mode === 'typed' ? 'single' : r.mode}`];
  const ratio = base ? (base / r.ops).toFixed(2) + '×' : '-';
  console.log(`${`${r.case} ${r.mode}`.padEnd(28)}${fmt(r.ops)}${base ? fmt(base).padStart(14) : '-'.padStart(14)}  ${ratio}`);
}
for (const r of lines.map((l) => JSON.parse(l)).filter((r) => r.missing && r.side === 'node')) {
  console.log(`${r.case}: not in this build`);
}
JS
for target in web node; do
  wasm=bindings-wasm/pkg/$target/wuye_wasm_bg.wasm
  echo "wasm size ($target build): $(wc -c <"$wasm") bytes raw, $(gzip -9c "$wasm" | wc -c) bytes gzip -9"
done
