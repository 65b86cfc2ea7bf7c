#!/usr/bin/env bash
# Fuzz smoke for the test command: installs cargo-fuzz if missing, then runs every target briefly
# (default 10 s each; WUYE_FUZZ_SECONDS overrides). A longer run: scripts/fuzz.sh 60.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet || cargo install cargo-fuzz --quiet
fi
exec bash scripts/fuzz.sh "${WUYE_FUZZ_SECONDS:-10}"
