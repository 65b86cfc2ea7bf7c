#!/usr/bin/env bash
# Times `wuye test` on N generated scenarios (default 1000; not committed, written to a temp folder).
# Each scenario evaluates a ticket of a different kind at a different instant and checks a due instant against
# the calendar answer, so the run does real SLA and calendar work. Usage: scripts/bench-scenarios.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" "$n" <<'PY'
import json, sys
out, n = sys.argv[1], int(sys.argv[2])
kinds = ["complaint", "major_repair", "minor_repair", "consultation", "emergency", "inspection_finding"]
for i in range(n):
    day = 3 + i % 5            # Monday..Friday, 2025-03-03..07
    hour = 9 + i % 7           # 09:00..15:00
    created = f"2025-03-{day:02}T{hour:02}:00:00+08:00"
    kind = kinds[i % len(kinds)]
    doc = {"format": "wuye.scenario/1", "name": f"generated {i}", "steps": [
        {"request": {"op": "sla.evaluate", "now": f"2025-03-{day:02}T{hour:02}:30:00+08:00",
                     "ticket": {"id": f"T-{i}", "kind": kind, "events": [{"type": "created", "at": created}]}},
         "expect": {"kind": kind, "goals[measure=resolution].state": "running",
                    "goals[measure=resolution].started_at": created}},
        {"request": {"op": "calendar.add", "calendar": "office", "from": created, "add": {"working_days": 3}},
         "expect": {"assumed_regular_week": False}}]}
    sub = f"{out}/batch{i // 100}"
    if i % 100 == 0:
        import os; os.makedirs(sub, exist_ok=True)
    open(f"{sub}/s{i}.json", "w").write(json.dumps(doc))
PY
cargo build -q --release -p wuye-cli
for run in 1 2 3; do
  start=$(date +%s%N)
  ./target/release/wuye test "$dir" | tail -1
  end=$(date +%s%N)
  echo "run $run: $(( (end - start) / 1000000 )) ms for $n scenarios"
done
