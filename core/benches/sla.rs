//! Benchmarks of SLA evaluation (divan): `cargo bench -p wuye --bench sla`.

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use serde_json::json;
use wuye::sla::Ticket;
use wuye::{Engine, Instant, Offset};

fn main() {
    divan::main();
}

fn engine() -> Engine {
    Engine::with_default_handbook().expect("default handbook")
}

/// A major repair on the office calendar with `pauses` pause/resume pairs, created `shift` minutes after a base.
fn ticket(shift: i64, pauses: usize) -> Ticket {
    let base = Instant::parse("2025-03-03T09:00:00+08:00").expect("instant").0 + shift * 60;
    let t = |m: i64| Instant(base + m * 60).format(Offset::CHINA);
    let mut events = vec![
        json!({"type": "created", "at": t(0)}),
        json!({"type": "acknowledged", "at": t(20)}),
        json!({"type": "assigned", "at": t(25), "to": "wang"}),
    ];
    for p in 0..pauses as i64 {
        events.push(json!({"type": "paused", "at": t(60 + p * 300), "reason": "parts"}));
        events.push(json!({"type": "resumed", "at": t(180 + p * 300)}));
    }
    serde_json::from_value(json!({"id": format!("T-{shift}"), "kind": "major_repair", "events": events}))
        .expect("ticket")
}

fn now() -> Instant {
    Instant::parse("2025-03-10T09:00:00+08:00").expect("instant")
}

#[divan::bench(args = [0, 1, 2])]
fn evaluate_ticket_with_pauses(b: Bencher, pauses: usize) {
    let e = engine();
    let tickets: Vec<Ticket> = (0..256).map(|i| ticket(i * 13, pauses)).collect();
    let now = now();
    b.counter(ItemsCount::new(tickets.len())).bench_local(|| {
        for t in black_box(&tickets) {
            let _ = black_box(e.sla().evaluate(t, now));
        }
    });
}

#[divan::bench(sample_count = 10)]
fn batch_of_100k_tickets(b: Bencher) {
    let e = engine();
    let tickets: Vec<Ticket> = (0..100_000).map(|i| ticket(i % 5000, 2)).collect();
    let now = now();
    b.counter(ItemsCount::new(tickets.len())).bench_local(|| {
        for t in black_box(&tickets) {
            let _ = black_box(e.sla().evaluate(t, now));
        }
    });
}

#[divan::bench]
fn protocol_sla_evaluate(b: Bencher) {
    let e = engine();
    let requests: Vec<String> = (0..256)
        .map(|i| {
            let t = serde_json::to_value(ticket(i * 13, 2)).expect("json");
            json!({"op": "sla.evaluate", "ticket": t, "now": "2025-03-10T09:00:00+08:00"}).to_string()
        })
        .collect();
    b.counter(ItemsCount::new(requests.len())).bench_local(|| {
        for r in black_box(&requests) {
            black_box(e.request(r));
        }
    });
}
