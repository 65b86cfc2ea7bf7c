#!/usr/bin/env bash
# wuye side by side with its peers: one table (Markdown) on stdout. Usage: scripts/bench-peers.sh [--quick] [FILTER]
#   --quick   short rounds (a smoke run, ~1 min; the ratios are noisier)
#   FILTER    only workloads whose key contains it (is_working_day, add_3_working_days, add_24_business_hours,
#             two_pauses, json_calendar_add, sla_typed, json_sla, scaling, fee, bill)
# The Rust peers build from crates.io. WUYE_BENCH_FEATURES picks the rules engines: `jsonlogic` (datalogic-rs, the
# default), `zen` (gorules zen-engine: QuickJS and swc inside, ~40 min to build on a loaded 2-core machine) or
# `engines` (both). The C, WASM and Python scripts run after and print their own tables (skipped with --quick).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

echo "# wuye vs peers — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo
cargo build --quiet --release -p wuye-bench --features "${WUYE_BENCH_FEATURES:-jsonlogic}"
table="$(mktemp)"
trap 'rm -f "$table"' EXIT
target/release/wuye-bench "$@" | tee "$table"

# wuye's native figure of a row (`202.8 M` → 202800000), for the Python peers' ratio column.
native() {
  awk -F'|' -v row="$1" 'index($2, row) == 2 && $3 ~ /[0-9]/ { split($3, a, " "); m = a[2] == "M" ? 1e6 : a[2] == "k" ? 1e3 : 1; printf "%.0f", a[1] * m; exit }' "$table"
}

# Native numbers through the C ABI and WASM in Node come from their own scripts (not duplicated here).
if [ "${1:-}" != "--quick" ]; then
  for extra in scripts/bench-c.sh scripts/bench-wasm.sh; do
    echo
    echo "## $(basename "$extra")"
    bash "$extra"
  done
  echo
  echo "## scripts/bench-python.sh"
  bash scripts/bench-python.sh "{\"is_working_day\": $(native is-working-day), \"add_3_working_days\": $(native "add 3 working days")}"
fi
