import json, os
out = {}
def add(f, desc, req):
    if not isinstance(req, str):
        req = json.dumps(req, ensure_ascii=False, separators=(",", ":"))
    assert "\n" not in req
    out.setdefault(f, []).append((desc, req))

T0 = "2025-03-03T09:00:00+08:00"
def ticket(events, kind="complaint", id="T-1"):
    return {"id": id, "kind": kind, "events": events}
def ev(type, at, **kw):
    d = {"type": type, "at": at}; d.update(kw); return d
def evaluate(events, now="2025-03-03T12:00:00+08:00", kind="complaint"):
    return {"op": "sla.evaluate", "now": now, "ticket": ticket(events, kind)}
created = ev("created", T0)

# --- malformed and truncated JSON
J = "json"
add(J, "a truncated object", '{"op":"sla.kinds"')
add(J, "a truncated string", '{"op":"sla.ki')
add(J, "a truncated batch", '[{"op":"sla.kinds"},')
add(J, "a trailing comma", '{"op":"sla.kinds",}')
add(J, "single quotes are not JSON", "{'op':'sla.kinds'}")
add(J, "a comment is not JSON", '{"op":"sla.kinds"} // please')
add(J, "trailing garbage after the request", '{"op":"sla.kinds"}}')
add(J, "two requests on one line are not a batch", '{"op":"sla.kinds"}{"op":"sla.kinds"}')
add(J, "NaN is not JSON", '{"op":"calendar.add","calendar":"office","from":"2025-01-27T10:00:00+08:00","add":{"hours":NaN}}')
add(J, "a lone surrogate escape is not a string", '{"op":"sla.kinds","id":"\\ud800"}')
add(J, "an unescaped control character in a string", '{"op":"sla.kinds","id":"a\tb"}')
add(J, "an invalid escape", '{"op":"sla.kinds","id":"\\q"}')
add(J, "a bare value is not a request", '"sla.kinds"')
add(J, "null is not a request", "null")
add(J, "an empty batch is answered by an empty array (accepted)", "[]")
add(J, "a batch of non-objects: each element is refused on its own", '[null,[],"x",1.5]')

# --- wrong types
W = "types"
add(W, "`op` must be a string", {"op": 42})
add(W, "`op` null is not an op", {"op": None})
add(W, "`now` as a number of seconds is refused", {"op": "sla.evaluate", "now": 1741000000, "ticket": ticket([created])})
add(W, "`ticket` as a string is refused", {"op": "sla.evaluate", "now": T0, "ticket": "T-1"})
add(W, "`events` as an object is refused", {"op": "sla.evaluate", "now": T0, "ticket": {"id": "T-1", "kind": "complaint", "events": {"0": created}}})
add(W, "an event without a type", evaluate([{"at": T0}]))
add(W, "an event type that is a number", evaluate([{"type": 1, "at": T0}]))
add(W, "a duration given as a bare number", {"op": "calendar.add", "calendar": "office", "from": T0, "add": 8})
add(W, "a duration with two units is ambiguous", {"op": "calendar.add", "calendar": "office", "from": T0, "add": {"hours": 1, "minutes": 5}})
add(W, "a duration as a decimal string is refused", {"op": "calendar.add", "calendar": "office", "from": T0, "add": {"hours": "8"}})
add(W, "a fractional duration is refused", '{"op":"calendar.add","calendar":"office","from":"2025-03-03T09:00:00+08:00","add":{"hours":1.5}}')
add(W, "a calendar given as a number", {"op": "calendar.add", "calendar": 7, "from": T0, "add": {"hours": 1}})
add(W, "a satisfaction answer given as a boolean", evaluate([created, ev("resolved", "2025-03-03T10:00:00+08:00"), ev("follow_up_done", "2025-03-03T11:00:00+08:00", satisfaction=True)]))
add(W, "`tickets` must be an array", {"op": "sla.batch", "now": T0, "tickets": ticket([created])})

# --- huge numbers, integer limits
N = "numbers"
for n, d in [("1e400", "a number beyond f64"), ("18446744073709551616", "2^64"), ("9223372036854775807", "i64::MAX"),
             ("-9223372036854775808", "i64::MIN"), ("4294967296", "2^32"), ("-1", "a negative count"), ("0", "zero (accepted)")]:
    add(N, f"{d} business hours", '{"op":"calendar.add","calendar":"office","from":"2025-03-03T09:00:00+08:00","add":{"business_hours":%s}}' % n)
add(N, "i64::MAX hours of wall-clock time", '{"op":"calendar.add","calendar":"office","from":"2025-03-03T09:00:00+08:00","add":{"hours":9223372036854775807}}')
add(N, "i64::MAX working days", '{"op":"calendar.add","calendar":"office","from":"2025-03-03T09:00:00+08:00","add":{"working_days":9223372036854775807}}')
add(N, "u32::MAX days", '{"op":"calendar.add","calendar":"office","from":"2025-03-03T09:00:00+08:00","add":{"days":4294967295}}')
add(N, "an id that is a huge number is echoed as given", '{"op":"nope.x","id":1e300}')
add(N, "an id beyond u64 is echoed as a float", '{"op":"nope.x","id":18446744073709551616}')
add(N, "`due_within` of i64::MAX minutes", '{"op":"sla.batch","now":"2025-03-03T09:00:00+08:00","tickets":[],"due_within":{"minutes":9223372036854775807}}')

# --- dates and instants
D = "time"
for at, d in [("2025-03-03T09:00:00", "an instant without an offset"), ("2025-03-03 09:00:00+08:00", "a space instead of T (accepted: RFC 3339 section 5.6 allows it)"),
              ("2025-03-03T09:00:00.5+08:00", "a sub-second instant"), ("1800-01-01T00:00:00Z", "year 1800"),
              ("9999-12-31T23:59:59Z", "the last second of 9999 UTC (in range, but already 10000 in +08:00: beyond the holiday data)"), ("+10000-01-01T00:00:00Z", "year 10000"),
              ("2025-02-30T09:00:00+08:00", "February 30th"), ("2025-03-03T24:00:01+08:00", "hour 24"),
              ("2016-12-31T23:59:60Z", "a leap second"), ("2025-03-03T09:00:00+25:00", "offset +25:00"),
              ("", "an empty instant"), ("2025-03-03", "a date where an instant is due"), ("-0001-01-01T00:00:00Z", "a negative year")]:
    add(D, f"{d}" if "(" in d else f"{d} is refused", {"op": "calendar.is_working", "calendar": "office", "at": at})
for date, d in [("2025-13-01", "month 13"), ("2025-02-29", "29 February in a common year"), ("0000-01-01", "year 0"),
                ("99999-01-01", "a five-digit year"), ("2025-1-1", "a date without zero padding"), ("2025-03-03T00:00:00+08:00", "an instant where a date is due")]:
    add(D, f"{d} is refused", {"op": "calendar.day", "calendar": "office", "date": date})
add(D, "a reversed day range", {"op": "calendar.days", "calendar": "office", "from": "2025-03-10", "to": "2025-03-01"})
add(D, "a day range longer than 731 days", {"op": "calendar.days", "calendar": "office", "from": "2020-01-01", "to": "2025-01-01"})
add(D, "calendar.between across the whole representable range", {"op": "calendar.between", "calendar": "office", "from": "1900-01-01T00:00:00Z", "to": "9999-12-31T23:59:59Z"})
add(D, "business hours added far outside the holiday data", {"op": "calendar.add", "calendar": "office", "from": "9999-12-31T09:00:00+08:00", "add": {"business_hours": 100}})

# --- unknown ops, fields, kinds
U = "unknown"
add(U, "an op without an area", {"op": "evaluate"})
add(U, "an op in an unknown area", {"op": "billing.charge"})
add(U, "an unknown op in a known area", {"op": "sla.delete"})
add(U, "an op differing only in case", {"op": "SLA.kinds"})
add(U, "an empty op", {"op": ""})
add(U, "an unknown request field is refused, not ignored", {"op": "sla.kinds", "role": "property_manager"})
add(U, "an op that takes no arguments refuses one", {"op": "workflow.list", "verbose": True})
add(U, "an unknown field in a ticket", evaluate([created]) | {"ticket": ticket([created]) | {"priority": "high"}})
add(U, "an unknown field in an event", evaluate([ev("created", T0, by="owner")]))
add(U, "an unknown event type", evaluate([created, ev("escalated", "2025-03-03T10:00:00+08:00")]))
add(U, "an unknown request kind", evaluate([created], kind="haunting"))
add(U, "a reclassification to an unknown kind", evaluate([created, ev("reclassified", "2025-03-03T10:00:00+08:00", kind="haunting")]))
add(U, "an unknown calendar", {"op": "calendar.is_working", "calendar": "night_shift", "at": T0})
add(U, "an inline calendar naming an unknown holiday set", {"op": "calendar.is_working", "calendar": {"week": {"mon": ["09:00-18:00"]}, "holidays": "atlantis"}, "at": T0})
add(U, "an unknown duration unit", {"op": "calendar.add", "calendar": "office", "from": T0, "add": {"weeks": 1}})
add(U, "an unknown satisfaction answer", evaluate([created, ev("resolved", "2025-03-03T10:00:00+08:00"), ev("follow_up_done", "2025-03-03T11:00:00+08:00", satisfaction="meh")]))

# --- event histories out of order, duplicated
E = "events"
t = lambda h, m=0: f"2025-03-03T{h:02d}:{m:02d}:00+08:00"
add(E, "an empty history", evaluate([]))
add(E, "a history not starting with created", evaluate([ev("acknowledged", t(9))]))
add(E, "created twice", evaluate([created, ev("created", t(10))]))
add(E, "the same created event duplicated", evaluate([created, created]))
add(E, "events out of order", evaluate([created, ev("acknowledged", t(11)), ev("assigned", t(10), to="maintenance")]))
add(E, "an event before creation", evaluate([created, ev("acknowledged", "2025-03-03T08:59:59+08:00")]))
add(E, "an event after now", evaluate([created, ev("acknowledged", t(13))], now=t(12)))
add(E, "resumed without a pause", evaluate([created, ev("resumed", t(10))]))
add(E, "paused twice", evaluate([created, ev("paused", t(10), reason="a"), ev("paused", t(11), reason="b")]))
add(E, "resolved twice", evaluate([created, ev("resolved", t(10)), ev("resolved", t(11))]))
add(E, "reopened while open", evaluate([created, ev("reopened", t(10))]))
add(E, "closed before resolved", evaluate([created, ev("closed", t(10))]))
add(E, "an event after closing", evaluate([created, ev("resolved", t(10)), ev("closed", t(10, 30)), ev("acknowledged", t(11))]))
add(E, "an event after cancelling", evaluate([created, ev("cancelled", t(10)), ev("resolved", t(11))]))
add(E, "two follow-ups in one cycle", evaluate([created, ev("resolved", t(10)), ev("follow_up_done", t(10, 30)), ev("follow_up_done", t(11))]))
add(E, "in a batch, one refused history does not spoil the others", {"op": "sla.batch", "now": t(12), "tickets": [ticket([created], id="ok"), ticket([created, created], id="bad")]})
add(E, "in a KPI, one refused history refuses the whole KPI (it would be wrong without it)", {"op": "sla.kpi", "now": t(12), "tickets": [ticket([created], id="ok"), ticket([created, created], id="bad")]})

# --- limits (defaults: depth 32, batch 1000, events 1000, other arrays 10000; see docs/security.md)
L = "limits"
def deep(n):
    return '{"op":"nope.x","id":' + "[" * (n - 1) + "]" * (n - 1) + "}"
add(L, "nesting depth 32 is allowed (the id is echoed)", deep(32))
add(L, "nesting depth 33 is refused before parsing", deep(33))
add(L, "nesting depth 129 (past serde_json's own limit of 128) is refused the same way", deep(129))
add(L, "nesting depth 10000 is refused without recursion", deep(10000))
add(L, "unbalanced deep nesting is refused as too deep, before it is found malformed", "[" * 40)
add(L, "a batch of 1001 requests is refused as a whole", "[" + ",".join(['{"op":"sla.kinds"}'] * 1001) + "]")
add(L, "a batch whose element would be at the limit alone is refused as a whole (the batch adds a level)", '[{"op":"sla.kinds","id":1},' + deep(32)[:-1] + ',"id2":0}]')
ev1000 = ",".join(['{"type":"resumed","at":"2025-03-03T09:00:00+08:00"}'] * 1000)
add(L, "1000 events in a ticket pass the limit (and are then checked: a history must start with created)", '{"op":"sla.evaluate","now":"2025-03-03T12:00:00+08:00","ticket":{"id":"T","kind":"complaint","events":[' + ev1000 + ']}}')
add(L, "1001 events in a ticket are refused, with the path of the array", '{"op":"sla.evaluate","now":"2025-03-03T12:00:00+08:00","ticket":{"id":"T","kind":"complaint","events":[' + ev1000 + ',{}]}}')
add(L, "1001 events in the second ticket of a batch are refused with its path", '{"op":"sla.batch","now":"2025-03-03T12:00:00+08:00","tickets":[{"id":"A","kind":"complaint","events":[]},{"id":"B","kind":"complaint","events":[' + ",".join(["{}"] * 1001) + ']}]}')

# --- money, areas, readings (fees)
F = "fees"
def quote(unit=None, period=None, **kw):
    u = {"use": "residential", "areas": {"building": "100.00"}}
    u.update(unit or {})
    r = {"op": "fees.quote", "unit": u, "period": period or {"from": "2025-01-01", "to": "2025-01-31"}}
    r.update(kw)
    return r
add(F, "a negative building area", quote({"areas": {"building": "-1.00"}}))
add(F, "an area as a JSON number", quote({"areas": {"building": 100}}))
add(F, "an area near i64::MAX overflows exactly, not wraps", quote({"areas": {"building": "9223372036854775807"}}))
add(F, "an area with 40 digits is refused", quote({"areas": {"building": "1" + "0" * 39}}))
add(F, "an area in exponent notation is refused", quote({"areas": {"building": "1e3"}}))
add(F, "an area with a comma is refused", quote({"areas": {"building": "1,000.00"}}))
add(F, "an empty area string is refused", quote({"areas": {"building": ""}}))
add(F, "a negative zero area (accepted: -0 is zero)", quote({"areas": {"building": "-0.00"}}))
reading = lambda prev, cur, before="0": {"item": "electricity_residential", "previous": prev, "current": cur, "used_before": before}
add(F, "a meter reading going backwards", quote({"readings": [reading("10530", "10230")]}))
add(F, "a negative meter reading", quote({"readings": [reading("-5", "10")]}))
add(F, "a negative quantity already used this year", quote({"readings": [reading("0", "10", "-1")]}))
add(F, "a reading near the integer limit", quote({"readings": [reading("0", "170141183460469231731687303715884105727")]}))
add(F, "a reading for an item the use is not billed", quote({"use": "parking", "areas": {"building": "12.00"}, "readings": [reading("0", "10")]}))
add(F, "an unknown property use", quote({"use": "castle"}))
add(F, "a reversed period", quote(period={"from": "2025-01-31", "to": "2025-01-01"}))
add(F, "a period in year 0", quote(period={"from": "0000-01-01", "to": "0000-01-31"}))
add(F, "a period without zero padding", quote(period={"from": "2025-1-1", "to": "2025-01-31"}))
add(F, "a debt of i64::MAX fen (accepted: its late fee is capped and fits)", quote({"debts": [{"id": "d", "principal": "92233720368547758.07", "due": "2024-10-31"}]}))
add(F, "a debt just past i64::MAX fen", quote({"debts": [{"id": "d", "principal": "92233720368547758.08", "due": "2024-10-31"}]}))
add(F, "an amount with three decimal places", {"op": "fees.arrears", "as_of": "2025-04-01", "charges": [{"id": "c", "principal": "10.005", "due": "2025-01-01"}]})
add(F, "a negative charge", {"op": "fees.arrears", "as_of": "2025-04-01", "charges": [{"id": "c", "principal": "-10.00", "due": "2025-01-01"}]})
add(F, "two charges summing past i64::MAX fen", {"op": "fees.arrears", "as_of": "2025-04-01", "charges": [{"id": "a", "principal": "92233720368547758.07", "due": "2025-01-01"}, {"id": "b", "principal": "92233720368547758.07", "due": "2025-01-02"}]})
add(F, "apportioning i64::MAX fen by huge weights", {"op": "fees.apportion", "total": "92233720368547758.07", "weights": ["170141183460469231731687303715884105727", "1"]})
add(F, "apportioning with only zero weights", {"op": "fees.apportion", "total": "100.00", "weights": ["0", "0"]})
add(F, "apportioning with a negative weight", {"op": "fees.apportion", "total": "100.00", "weights": ["1", "-1"]})
add(F, "a top-up of a negative quantity", {"op": "fees.topup", "use": "residential", "utility": "electricity", "used_before": "0", "quantity": "-5"})
add(F, "a top-up of a quantity near the i128 limit", {"op": "fees.topup", "use": "residential", "utility": "electricity", "used_before": "0", "quantity": "170141183460469231731687303715884105727"})

# --- workflow histories (the authority bypasses are in core/tests/authority.rs)
W2 = "workflow"
wat = lambda d, h: f"2026-03-{d:02d}T{h:02d}:00:00+08:00"
def wev(name, role, when, payload=None):
    return {"name": name, "actor": role + " 1", "role": role, "at": when, "payload": payload or {}}
docs4 = ["owner_id", "property_certificate", "renovation_plan", "contractor_licence"]
hist = [wev("apply", "owner", wat(2, 9), {"documents": docs4}), wev("start_review", "assistant", wat(2, 10))]
def wapply(history, event, now=wat(20, 12)):
    return {"op": "workflow.apply", "workflow": "renovation_permit", "history": history, "event": event, "now": now}
add(W2, "the same event applied twice (a replay) is refused", wapply(hist, hist[1]))
add(W2, "an event dated before the last one in the history", wapply(hist, wev("approve", "supervisor", wat(2, 8))))
add(W2, "an event without an instant offset", wapply(hist, wev("approve", "supervisor", "2026-03-03T09:00:00")))
add(W2, "an event claiming the owner approved", wapply(hist, wev("approve", "owner", wat(3, 9))))
add(W2, "a history entry the library would have refused is found by its index", wapply(hist + [wev("approve", "owner", wat(3, 9))], wev("pay_deposit", "finance", wat(4, 9), {"amount": "3000.00"})))
add(W2, "a deposit as a JSON number", wapply(hist + [wev("approve", "supervisor", wat(3, 9))], wev("pay_deposit", "finance", wat(4, 9), {"amount": 3000})))
add(W2, "a deposit of i64::MAX fen (accepted: held exactly)", wapply(hist + [wev("approve", "supervisor", wat(3, 9))], wev("pay_deposit", "finance", wat(4, 9), {"amount": "92233720368547758.07"})))
add(W2, "a deposit past i64::MAX fen", wapply(hist + [wev("approve", "supervisor", wat(3, 9))], wev("pay_deposit", "finance", wat(4, 9), {"amount": "92233720368547758.08"})))
add(W2, "a negative deposit", wapply(hist + [wev("approve", "supervisor", wat(3, 9))], wev("pay_deposit", "finance", wat(4, 9), {"amount": "-3000.00"})))
add(W2, "an unknown field in an event", wapply(hist, dict(wev("approve", "supervisor", wat(3, 9)), state="approved")))
add(W2, "an unknown workflow", {"op": "workflow.state", "workflow": "rocket_launch", "history": [], "now": wat(3, 9)})

for f, items in out.items():
    with open(f"tests/bad-inputs/{f}.jsonl", "w", encoding="utf-8") as fh:
        fh.write("\n\n".join(f"# {d}\n{r}\n?" for d, r in items) + "\n")
