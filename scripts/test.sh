#!/usr/bin/env bash
# Runs every test of wuye, installing what it needs first. `.ci/run` calls this and nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all --check

step "lint"
cargo clippy --workspace --all-targets -- -D warnings

step "rust tests"
cargo test --workspace

# Each binding and suite has its own script; they install what they need.
for suite in scripts/test-*.sh; do
  [ -e "$suite" ] || continue
  step "$suite"
  bash "$suite"
done

step "all tests passed"
