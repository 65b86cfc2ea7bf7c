"""The Python peers of scripts/bench-peers.sh: chinesecalendar and workalendar on the questions the Rust table asks.

wuye's answers come from the `wuye` CLI on the default handbook (its `office` calendar), once; then each peer is timed
on the same 1,024 dates (thread CPU time, medians of 15 rounds) and every peer answer is compared with wuye's. The
ratio is against wuye's native figure from the same run of the Rust table, given on the command line: a Python
process cannot host the Rust timing loop, so these ratios compare processes, not rounds.
"""

import datetime
import json
import statistics
import subprocess
import sys
import time

import chinese_calendar
from workalendar.asia import China

ROUNDS = 15
ROUND_NS = 25_000_000


def median_ops(f, items):
    """Operations per second of `f` over `items`, the median of ROUNDS rounds of thread CPU time."""
    rates = []
    for _ in range(ROUNDS + 1):  # the first round warms up and is not counted
        start, done = time.thread_time_ns(), 0
        while time.thread_time_ns() - start < ROUND_NS:
            for x in items:
                f(x)
            done += len(items)
        rates.append(done / ((time.thread_time_ns() - start) / 1e9))
    return statistics.median(rates[1:])


def safely(f):
    def g(x):
        try:
            return f(x)
        except Exception as e:  # a peer without data for a year raises
            return type(e).__name__
    return g


def main():
    wuye, native = sys.argv[1], json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    first = datetime.date(2025, 1, 1)
    days = [first + datetime.timedelta(days=(i * 7919) % 715) for i in range(1024)]  # to 2026-12-16: +3 stays in the data
    requests = [{"op": "calendar.day", "calendar": "office", "date": d.isoformat()} for d in days]
    requests += [
        {"op": "calendar.add", "calendar": "office", "from": f"{d.isoformat()}T10:00:00+08:00",
         "add": {"working_days": 3}}
        for d in days
    ]
    lines = "\n".join(json.dumps(r) for r in requests)  # JSON lines: one answer per line
    out = subprocess.run([wuye, "eval"], input=lines, capture_output=True, text=True, check=True)
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    working = {d: a["ok"]["working"] for d, a in zip(days, answers[:1024])}
    kind = {d: a["ok"]["kind"] for d, a in zip(days, answers[:1024])}

    def end_date(at):
        # From a rest day wuye ends at 24:00 of the third working day, written as 00:00 of the next day.
        t = datetime.datetime.fromisoformat(at)
        return (t - datetime.timedelta(seconds=1)).date() if t.time() == datetime.time(0) else t.date()

    plus3 = {d: end_date(a["ok"]["at"]) for d, a in zip(days, answers[1024:])}

    china = China()
    rows = []

    def row(operation, key, peer, f, truth, why):
        answers = {d: safely(f)(d) for d in days}
        causes = {}
        for d in days:
            if answers[d] != truth[d]:
                cause = why(d, answers[d])
                causes[cause] = causes.get(cause, 0) + 1
        ops = median_ops(safely(f), days)
        base = native.get(key)
        rows.append((operation, peer, ops, base, sum(causes.values()), causes))

    def day_why(d, got):
        if isinstance(got, str):
            return f"raises {got}"
        if kind[d] == "makeup_workday":
            return "missing make-up day"
        if kind[d] in ("statutory_holiday", "rest_day") and d.weekday() < 5:
            return "missing holiday"
        return "other"

    def add_why(d, got):
        if isinstance(got, str):
            return f"raises {got}"
        if not working[d]:
            return "start on a non-working day: counts from the next working day"
        return "holiday data (make-up days, holidays)"

    row("is-working-day", "is_working_day", "chinesecalendar 1.11 is_workday",
        chinese_calendar.is_workday, working, day_why)
    row("is-working-day", "is_working_day", "workalendar 17 China().is_working_day",
        china.is_working_day, working, day_why)
    row("add 3 working days", "add_3_working_days", "chinesecalendar find_workday(3, d)",
        lambda d: chinese_calendar.find_workday(3, d), plus3, add_why)
    row("add 3 working days", "add_3_working_days", "workalendar add_working_days(d, 3)",
        lambda d: china.add_working_days(d, 3), plus3, add_why)

    print("| operation | peer (Python) | peer ops/s | wuye native ops/s | wuye ÷ peer | peer answers ≠ wuye (why) |")
    print("|---|---|---:|---:|---:|---|")
    for op, peer, ops, base, wrong, causes in rows:
        why = "; ".join(f"{n} {c}" for c, n in sorted(causes.items(), key=lambda x: -x[1]))
        ratio = f"{base / ops:,.0f}×" if base else "—"
        base_text = f"{base / 1e6:.1f} M" if base else "—"
        print(f"| {op} | {peer} | {ops / 1e3:,.1f} k | {base_text} | {ratio} | {wrong} / 1024"
              + (f" ({why})" if why else "") + " |")


if __name__ == "__main__":
    main()
