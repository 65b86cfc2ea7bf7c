//! `wuye demo`: the default handbook's rules at work, told as a short story through the request protocol.

use serde_json::{json, Value};
use wuye::Engine;

/// Asks the engine one request and returns its `ok` answer, or the error as a value to print.
fn ask(engine: &Engine, request: Value) -> Value {
    let answer: Value = serde_json::from_str(&engine.request(&request.to_string())).unwrap_or(Value::Null);
    match answer.get("ok") {
        Some(ok) => ok.clone(),
        None => answer,
    }
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("—")
}

pub fn run(engine: &Engine) -> String {
    let mut out = String::new();
    let (name, version) = engine.name();
    out += &format!("wuye demo — {name} {version}\n");
    calendar(engine, &mut out);
    tickets(engine, &mut out);
    fees(engine, &mut out);
    permit(engine, &mut out);
    out
}

fn calendar(engine: &Engine, out: &mut String) {
    *out += "\n== The business calendar (office hours 08:30–12:00, 13:30–17:30; China's 2025–2026 holidays)\n";
    for date in ["2025-01-26", "2025-01-29", "2025-05-31", "2026-02-14"] {
        let d = ask(
            engine,
            json!({"op": "calendar.day", "calendar": "office", "date": date}),
        );
        *out += &format!(
            "  {date} ({}) {:<18} {:<8} {}\n",
            s(&d["weekday"]),
            s(&d["kind"]),
            s(&d["name"]),
            if d["working"] == true { "working" } else { "closed" }
        );
    }
    let r = ask(
        engine,
        json!({"op": "calendar.add", "calendar": "office", "from": "2025-01-27T10:00:00+08:00", "add": {"working_days": 3}}),
    );
    *out += &format!(
        "  3 working days from Mon 2025-01-27 10:00 → {} (the Spring Festival is skipped)\n",
        s(&r["at"])
    );
    let r = ask(
        engine,
        json!({"op": "calendar.add", "calendar": "office", "from": "2026-02-13T09:00:00+08:00", "add": {"business_hours": 40}}),
    );
    *out += &format!(
        "  40 business hours from Fri 2026-02-13 09:00 → {} (make-up Saturday 02-14 counts)\n",
        s(&r["at"])
    );
}

fn tickets(engine: &Engine, out: &mut String) {
    let now = "2025-03-06T16:00:00+08:00";
    *out += &format!("\n== Service tickets at {now} (§2.2.1 repairs, §2.2.10 complaints, §2.1.5 emergencies)\n");
    let tickets = json!([
        {"id": "R-101 leaking pipe", "kind": "major_repair", "events": [
            {"type": "created", "at": "2025-03-03T10:00:00+08:00"},
            {"type": "acknowledged", "at": "2025-03-03T10:20:00+08:00"},
            {"type": "assigned", "at": "2025-03-03T10:30:00+08:00", "to": "wang"}]},
        {"id": "R-102 broken lock", "kind": "minor_repair", "events": [
            {"type": "created", "at": "2025-03-06T13:40:00+08:00"},
            {"type": "acknowledged", "at": "2025-03-06T13:50:00+08:00"}]},
        {"id": "C-201 noise at night", "kind": "complaint", "events": [
            {"type": "created", "at": "2025-03-06T08:00:00+08:00"},
            {"type": "acknowledged", "at": "2025-03-06T08:30:00+08:00"},
            {"type": "paused", "at": "2025-03-06T09:00:00+08:00", "reason": "waiting for the neighbour"},
            {"type": "resumed", "at": "2025-03-06T11:00:00+08:00"}]},
        {"id": "E-301 lift stuck", "kind": "emergency", "events": [
            {"type": "created", "at": "2025-03-06T15:30:00+08:00"},
            {"type": "acknowledged", "at": "2025-03-06T15:35:00+08:00"}]}
    ]);
    let batch = ask(
        engine,
        json!({"op": "sla.batch", "now": now, "due_within": {"hours": 4}, "tickets": tickets}),
    );
    let empty = Vec::new();
    for result in batch["results"].as_array().unwrap_or(&empty) {
        let r = &result["ok"];
        *out += &format!("  {} [{}]\n", s(&r["ticket"]), s(&r["kind_name"]));
        for g in r["goals"].as_array().unwrap_or(&empty) {
            let warned: Vec<String> = g["warnings"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .filter(|w| w["reached"] == true)
                .map(|w| format!("{}%", w["percent"]))
                .collect();
            *out += &format!(
                "    {:<15} {:<9} due {}  used {:>3}%{}\n",
                s(&g["measure"]),
                s(&g["state"]),
                s(&g["due_at"]),
                g["percent_used"],
                if warned.is_empty() {
                    String::new()
                } else {
                    format!("  warned at {}", warned.join(", "))
                }
            );
        }
        for e in r["escalations_due"].as_array().unwrap_or(&empty) {
            *out += &format!("    ↑ escalate to {} since {}\n", s(&e["role"]), s(&e["since"]));
        }
        for o in r["obligations_open"].as_array().unwrap_or(&empty) {
            *out += &format!("    ! owed: {}\n", s(&o["obligation"]));
        }
        if let Some(next) = r["next_change_at"].as_str() {
            *out += &format!("    next change at {next}\n");
        }
    }
    *out += &format!(
        "  overdue: {}   due within 4 h: {}\n",
        batch["overdue"], batch["due_soon"]
    );
}

/// Bills a small sample estate for January 2025, then a top-up with arrears and an arrears statement (§2.1.7, §2.2.7).
fn fees(engine: &Engine, out: &mut String) {
    *out += "\n== Fees for January 2025 (§2.1.7, §2.2.7): a small estate billed on the default tariffs\n";
    let reading = |item: &str, prev: &str, cur: &str, before: &str| json!({"item": item, "previous": prev, "current": cur, "used_before": before});
    let bill = ask(
        engine,
        json!({"op": "fees.bill", "period": {"from": "2025-01-01", "to": "2025-01-31"},
               "units": [
                 {"id": "1-101", "use": "residential", "areas": {"building": "63.44"},
                  "readings": [reading("electricity_residential", "3100", "3320", "2650")],
                  "debts": [{"id": "2024-10", "principal": "158.60", "due": "2024-10-31"}]},
                 {"id": "1-102", "use": "residential", "areas": {"building": "134.74"},
                  "occupancy": {"vacant": {"since": "2024-03-01"}}},
                 {"id": "1-103", "use": "residential", "areas": {"building": "126.38"}, "occupancy": "unsold"},
                 {"id": "S-01", "use": "shop", "areas": {"building": "48.00"},
                  "readings": [reading("electricity_commercial", "800", "1210", "0")]},
                 {"id": "P-01", "use": "parking", "areas": {"building": "12.50"}, "occupancy": {"vacant": {"since": "2025-01-17"}}}
               ],
               "pools": [{"item": "shared_electricity", "quantity": "622", "price": "0.538"}]}),
    );
    for b in bill["bills"].as_array().into_iter().flatten() {
        let lines: Vec<String> = b["lines"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|l| format!("{} {}", s(&l["item"]), s(&l["amount"])))
            .collect();
        *out += &format!(
            "  {:<6} {:<12} pays {:<9} {:>8}  ({})\n",
            s(&b["unit"]),
            s(&b["use"]),
            s(&b["payer"]),
            s(&b["total"]),
            lines.join(", ")
        );
    }
    *out += &format!(
        "  shared electricity 622 kWh × 0.538 = {} split by area; estate total {}\n",
        s(&bill["pools"][0]["amount"]),
        s(&bill["total"])
    );
    let t = ask(
        engine,
        json!({"op": "fees.topup", "use": "residential", "utility": "electricity", "used_before": "2700",
               "money": "100.00", "arrears": "158.60"}),
    );
    *out += &format!(
        "  top-up 100.00 at 2700 kWh this year → {} kWh for {} ({} left); {}\n",
        s(&t["quantity"]),
        s(&t["amount"]),
        s(&t["unused"]),
        s(&t["note"])
    );
    let a = ask(
        engine,
        json!({"op": "fees.arrears", "as_of": "2025-04-01",
               "charges": [{"id": "2025-01", "principal": "1000.00", "due": "2025-01-01"}]}),
    );
    *out += &format!(
        "  1000.00 due 2025-01-01, unpaid on 2025-04-01: late fee {} (0.05 %/day × 90 days), dunning stage {}\n",
        s(&a["late_fees"]),
        s(&a["stage"]["name"])
    );
}

/// One renovation permit (§2.2.3) through a violation: each event is sent with the history so far, as a PMS would.
fn permit(engine: &Engine, out: &mut String) {
    *out += "\n== A renovation permit through a violation (§2.2.3; workflow.apply, stateless: the host keeps the history)\n";
    let steps = [
        (
            "apply",
            "owner",
            "2026-03-02T09:00:00+08:00",
            json!({"documents": ["owner_id", "property_certificate"]}),
        ),
        ("start_review", "assistant", "2026-03-02T10:00:00+08:00", json!({})),
        ("approve", "supervisor", "2026-03-02T15:00:00+08:00", json!({})),
        (
            "add_documents",
            "owner",
            "2026-03-03T09:00:00+08:00",
            json!({"documents": ["renovation_plan", "contractor_licence"]}),
        ),
        ("approve", "assistant", "2026-03-03T14:00:00+08:00", json!({})),
        ("approve", "supervisor", "2026-03-03T15:00:00+08:00", json!({})),
        (
            "pay_deposit",
            "finance",
            "2026-03-04T09:00:00+08:00",
            json!({"amount": "3000.00"}),
        ),
        ("start_work", "owner", "2026-03-05T08:00:00+08:00", json!({})),
        (
            "find_violation",
            "assistant",
            "2026-03-09T10:00:00+08:00",
            json!({"findings": ["承重墙开洞"], "deduction": "200.50"}),
        ),
        (
            "issue_rectification_notice",
            "assistant",
            "2026-03-09T11:00:00+08:00",
            json!({}),
        ),
    ];
    let mut history = json!([]);
    let now = "2026-03-17T09:00:00+08:00";
    for (name, role, at, payload) in steps {
        let event = json!({"name": name, "actor": role, "role": role, "at": at, "payload": payload});
        let r = ask(
            engine,
            json!({"op": "workflow.apply", "workflow": "renovation_permit", "history": history, "event": event, "now": now}),
        );
        match r.get("error") {
            Some(e) => *out += &format!("  {at}  {role:<10} {name:<27} refused: {}\n", s(&e["code"])),
            None => {
                *out += &format!("  {at}  {role:<10} {name:<27} → {}\n", s(&r["state"]["state"]));
                history = r["history"].clone();
            }
        }
    }
    let st = ask(
        engine,
        json!({"op": "workflow.state", "workflow": "renovation_permit", "history": history, "now": now}),
    );
    let d = &st["accounts"]["deposit"];
    *out += &format!(
        "  deposit: held {}, deducted {}, balance {}\n",
        s(&d["held"]),
        s(&d["deducted"]),
        s(&d["balance"])
    );
    let empty = Vec::new();
    for t in st["timers"].as_array().unwrap_or(&empty) {
        *out += &format!(
            "  at {now}: {} due {} — {}, {} must act\n",
            s(&t["state"]),
            s(&t["due_at"]),
            if t["overdue"] == true { "OVERDUE" } else { "running" },
            s(&t["responsible"])
        );
    }
}
