#!/usr/bin/env bash
# Fees pillar, checked from outside: the shared fee vectors replayed through the `wuye eval` binary (JSON lines in,
# one response per line out, byte for byte) and the demo's bill run. Needs only cargo; `cargo test` covers the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cargo build -q -p wuye-cli
# Vectors come in three lines: "# description", request, response (blank lines between).
grep -v '^#' tests/vectors/fees.jsonl | grep -v '^[[:space:]]*$' | awk 'NR % 2 == 1' >"$tmp/requests.jsonl"
grep -v '^#' tests/vectors/fees.jsonl | grep -v '^[[:space:]]*$' | awk 'NR % 2 == 0' >"$tmp/expected.jsonl"
target/debug/wuye eval <"$tmp/requests.jsonl" >"$tmp/actual.jsonl"
if ! diff -u "$tmp/expected.jsonl" "$tmp/actual.jsonl"; then
  echo "fees vectors differ through wuye eval" >&2
  exit 1
fi
echo "fees: $(wc -l <"$tmp/requests.jsonl") vectors identical through wuye eval"

# The demo bills the sample estate.
target/debug/wuye demo | grep -q "estate total 1872.15" || { echo "demo lost its fee bill run" >&2; exit 1; }
echo "fees: the demo bills the sample estate"
