#!/usr/bin/env bash
# The default handbook's own rule tests (tests/scenarios): every scenario passes and every clause is covered.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
cargo run -q -p wuye-cli -- test --coverage tests/scenarios >"$out" || status=$?
cat "$out"
[ "$status" -eq 0 ] || { echo "scenario failures" >&2; exit 1; }
grep -q '^clauses with no scenario: none$' "$out" || { echo "some handbook clause has no scenario" >&2; exit 1; }
