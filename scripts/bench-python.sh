#!/usr/bin/env bash
# The Python peers (chinesecalendar, workalendar) on the Rust table's calendar questions, in a venv under target/.
# Usage: scripts/bench-python.sh [NATIVE_JSON] — NATIVE_JSON maps is_working_day / add_3_working_days to wuye's
# native ops/s from the same run (scripts/bench-peers.sh passes them) for the ratio column. Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/pyvenv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet chinesecalendar==1.11.0 workalendar==17.0.0
fi
cargo build --quiet --release -p wuye-cli
"$venv/bin/python" -W ignore bench/python/peers.py target/release/wuye "${1:-{\}}"
