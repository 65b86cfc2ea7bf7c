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
