#!/usr/bin/env bash
# Runs every fuzz target for a bounded time: `scripts/fuzz.sh [SECONDS] [TARGET...]` (default 10 s each).
# Seeds come from fuzz/seeds/ (committed; rebuild with fuzz/seeds.py); new inputs go to fuzz/corpus/ (ignored);
# a crash lands in fuzz/artifacts/<target>/ and fails the script. Needs cargo-fuzz (scripts/test-fuzz.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-10}"
shift || true
# libFuzzer's instrumentation needs nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them.
export RUSTC_BOOTSTRAP=1
export CARGO_TERM_COLOR=never

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi

# -a: overflow checks and debug assertions on, so arithmetic overflow is found, not wrapped.
cargo fuzz build -a -O >/dev/null

total=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "seeds/$t"
  log="$(mktemp)"
  # -rss_limit_mb: no unbounded memory; -timeout: no input may take more than 10 s; -max_total_time: bounded run.
  if ! cargo fuzz run -a -O "$t" "corpus/$t" "seeds/$t" -- \
      -dict=protocol.dict -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz target $t FAILED (reproduce: cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -a $t fuzz/artifacts/$t/<file>)"
    rm -f "$log"
    exit 1
  fi
  runs="$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)"
  cov="$(grep -oE 'cov: [0-9]+' "$log" | tail -1 || true)"
  printf 'fuzz %-10s %10s executions in %ss (%s), clean\n' "$t" "$runs" "$seconds" "$cov"
  total=$((total + runs))
  rm -f "$log"
done
echo "fuzz: $total executions over ${#targets[@]} targets, no crash, hang or memory blow-up"
