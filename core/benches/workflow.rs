//! Benchmarks of the workflow pillar (divan): `cargo bench -p wuye --bench workflow`.
//!
//! The protocol is stateless, so every request replays the host's history: these measure that cost.

use serde_json::json;
use wuye::workflow::Event;
use wuye::{Engine, Instant};

fn main() {
    divan::main();
}

fn event(name: &str, role: &str, at: Instant, payload: serde_json::Value) -> Event {
    serde_json::from_value(json!({
        "name": name, "actor": "bench", "role": role, "at": at.format(wuye::Offset::CHINA), "payload": payload
    }))
    .unwrap()
}

/// A renovation permit in progress after `len` events: six to start the works, then patrol records.
fn permit_history(len: usize) -> Vec<Event> {
    let t0 = Instant::parse("2026-03-02T09:00:00+08:00").unwrap();
    let at = |i: usize| t0.plus(i as i64 * 3_600).unwrap();
    let docs = json!({"documents": ["owner_id", "property_certificate", "renovation_plan", "contractor_licence"]});
    let mut h = vec![
        event("apply", "owner", at(0), docs),
        event("start_review", "assistant", at(1), json!({})),
        event("approve", "supervisor", at(2), json!({})),
        event("pay_deposit", "finance", at(3), json!({"amount": "3000.00"})),
        event("start_work", "owner", at(4), json!({})),
    ];
    while h.len() < len {
        h.push(event(
            "record_patrol",
            "assistant",
            at(h.len()),
            json!({"findings": []}),
        ));
    }
    h
}

fn now() -> Instant {
    Instant::parse("2026-12-31T00:00:00+08:00").unwrap()
}

#[divan::bench]
fn apply_one_event_to_a_10_event_history(bencher: divan::Bencher) {
    let engine = Engine::with_default_handbook().unwrap();
    let def = engine.workflows().get("renovation_permit").unwrap();
    let history = permit_history(10);
    let next = event(
        "find_violation",
        "assistant",
        history.last().unwrap().at.plus(3_600).unwrap(),
        json!({"findings": ["x"], "deduction": "100.00"}),
    );
    bencher.bench_local(|| def.apply(divan::black_box(&history), next.clone(), now()).unwrap());
}

#[divan::bench]
fn replay_a_100_event_history(bencher: divan::Bencher) {
    let engine = Engine::with_default_handbook().unwrap();
    let def = engine.workflows().get("renovation_permit").unwrap();
    let history = permit_history(100);
    bencher.bench_local(|| def.replay(divan::black_box(&history), now()).unwrap());
}

#[divan::bench]
fn workflow_apply_over_the_json_protocol_10_events(bencher: divan::Bencher) {
    let engine = Engine::with_default_handbook().unwrap();
    let history = permit_history(10);
    let next = event(
        "find_violation",
        "assistant",
        history.last().unwrap().at.plus(3_600).unwrap(),
        json!({"findings": ["x"]}),
    );
    let request = json!({"op": "workflow.apply", "workflow": "renovation_permit", "history": history,
        "event": next, "now": "2026-12-31T00:00:00+08:00"})
    .to_string();
    bencher.bench_local(|| engine.request(divan::black_box(&request)));
}

/// A custody ledger of 250 keys, each registered, issued and returned twice: 1,250 events.
#[divan::bench]
fn replay_a_1250_event_custody_ledger(bencher: divan::Bencher) {
    use wuye::workflow::custody::{KeyEvent, Ledger};
    let engine = Engine::with_default_handbook().unwrap();
    let def = engine.workflows().custody().unwrap();
    let t0 = Instant::parse("2026-03-02T09:00:00+08:00").unwrap();
    let mut history: Vec<KeyEvent> = Vec::new();
    let mut push = |key: usize, name: &str, payload: serde_json::Value| {
        let at = t0.plus(history.len() as i64 * 60).unwrap();
        history.push(
            serde_json::from_value(json!({"key": format!("k{key}"), "name": name, "actor": "bench",
                "role": "assistant", "at": at.format(wuye::Offset::CHINA), "payload": payload}))
            .unwrap(),
        );
    };
    for k in 0..250 {
        push(k, "register", json!({"kind": "unit_door"}));
    }
    for _ in 0..2 {
        for k in 0..250 {
            push(k, "issue", json!({"holder": "李四"}));
        }
        for k in 0..250 {
            push(k, "return", json!({}));
        }
    }
    bencher.bench_local(|| Ledger::replay(def, divan::black_box(&history), now()).unwrap());
}
