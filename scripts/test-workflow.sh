#!/usr/bin/env bash
# Workflow pillar: the properties with more cases, and the README demo (one renovation permit through a
# violation) through `wuye eval`, checked for the answers the issue promises. Needs only cargo.
set -euo pipefail
cd "$(dirname "$0")/.."

PROPTEST_CASES=${PROPTEST_CASES:-512} cargo test -q -p wuye --lib workflow:: 2>&1 | grep -E "^test result" 

out=$(cargo run -q -p wuye-cli -- eval < examples/workflow/renovation-violation.jsonl)
expect() {
  if ! grep -qF -- "$1" <<<"$out"; then
    printf 'workflow demo: expected %s in\n%s\n' "$1" "$out" >&2
    exit 1
  fi
}
expect '"code":"workflow.role_not_allowed"'
expect '"state":"approved"'
expect '"balance":"2799.50","deducted":"200.50","held":"3000.00"'
expect '"due_at":"2026-03-16T11:00:00+08:00","overdue":true,"responsible":"assistant"'
expect '"refunded":"2700.00"'
[ "$(wc -l <<<"$out")" -eq 5 ] || { echo "workflow demo: expected 5 answers" >&2; exit 1; }
echo "workflow demo: ok"
