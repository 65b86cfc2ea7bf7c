#!/usr/bin/env bash
# C binding benchmark (not part of the test run): ns per call of the typed wuye_calendar_add and wuye_fees_quote
# and of the same questions through the JSON path, from C (-O2 against libwuye.a) and from Rust (the core called
# directly), same inputs, same method (median of 7 runs inside each program). The C and Rust programs take turns ROUNDS times
# (default 3) so load from other processes hits both alike; the figure is the median over the rounds.
#
#   bash scripts/bench-c.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
target=${CARGO_TARGET_DIR:-$PWD/target}
out=$target/c-bench
mkdir -p "$out"

echo "building (release)" >&2
cargo build -q --release -p wuye-c
gcc -std=c11 -O2 -Wall -Wextra -Werror -I bindings-c/include bindings-c/bench/bench.c \
  -x none "$target/release/libwuye.a" -lpthread -ldl -lm -lrt -lutil -o "$out/bench"
rust_bench=$(cargo bench -q -p wuye-c --bench baseline --no-run --message-format=json 2>/dev/null \
  | sed -n 's/.*"executable":"\([^"]*baseline[^"]*\)".*/\1/p' | tail -n 1)
[ -x "$rust_bench" ] || { echo "cannot find the Rust baseline binary" >&2; exit 1; }

: >"$out/results.txt"
for round in $(seq "$rounds"); do
  echo "round $round of $rounds" >&2
  "$out/bench" >>"$out/results.txt"
  "$rust_bench" >>"$out/results.txt"
done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
awk '
  function median(name,   n, i, j, t, xs) {
    n = split(all[name], xs, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (xs[j] + 0 < xs[i] + 0) { t = xs[i]; xs[i] = xs[j]; xs[j] = t }
    return xs[int((n + 1) / 2)]
  }
  function row(label, c, r) { printf "%-40s %10.1f %10.1f %8.2f\n", label, median(c), median(r), median(c) / median(r) }
  $1 == "result" { all[$2] = all[$2] " " $3 }
  END {
    printf "%-40s %10s %10s %8s\n", "ns per call (median)", "C", "Rust", "C/Rust"
    row("calendar add, typed", "c_typed_add", "rust_typed_add")
    row("calendar add, JSON request", "c_json_add", "rust_json_add")
    row("fee quote, typed", "c_typed_quote", "rust_typed_quote")
    row("fee quote, JSON request", "c_json_quote", "rust_json_quote")
    printf "JSON path / typed path: calendar add C %.1fx, Rust %.1fx; fee quote C %.1fx, Rust %.1fx\n",
      median("c_json_add") / median("c_typed_add"), median("rust_json_add") / median("rust_typed_add"),
      median("c_json_quote") / median("c_typed_quote"), median("rust_json_quote") / median("rust_typed_quote")
  }' "$out/results.txt"
