//! SLA workloads: evaluating a ticket with 2, 4 and 6 events (0, 1, 2 pauses), typed and through `sla.evaluate`,
//! and how the cost grows with 6, 60 and 600 events. No peer library evaluates SLA goals with pauses.

use serde_json::json;
use wuye::sla::Ticket;
use wuye::{Engine, Instant, Offset};

use crate::harness::{compare, Contender};
use crate::table::{Differ, Row};
use crate::Settings;

const BATCH: usize = 256;

/// A major repair on the office calendar: created, acknowledged, then `pauses` pause/resume pairs; created
/// `shift` minutes after Mon 2025-03-03 09:00. Pauses start 40 minutes in, 10 minutes apart, 5 minutes each.
pub fn ticket(shift: i64, events: usize) -> Ticket {
    let base = Instant::parse("2025-03-03T09:00:00+08:00").expect("instant").0 + shift * 60;
    let t = |m: i64| Instant(base + m * 60).format(Offset::CHINA);
    let mut ev = vec![json!({"type": "created", "at": t(0)})];
    if events >= 2 {
        ev.push(json!({"type": "acknowledged", "at": t(20)}));
    }
    for p in 0..(events.saturating_sub(2) / 2) as i64 {
        ev.push(json!({"type": "paused", "at": t(40 + p * 10), "reason": "parts"}));
        ev.push(json!({"type": "resumed", "at": t(45 + p * 10)}));
    }
    serde_json::from_value(json!({"id": format!("T-{shift}"), "kind": "major_repair", "events": ev})).expect("ticket")
}

fn now() -> Instant {
    Instant::parse("2025-03-10T09:00:00+08:00").expect("instant")
}

pub fn rows(engine: &Engine, s: &Settings) -> Vec<Row> {
    let mut rows = Vec::new();
    if s.wants("sla_typed") {
        let sets: Vec<Vec<Ticket>> = [2, 4, 6]
            .iter()
            .map(|&n| (0..BATCH as i64).map(|i| ticket(i * 13, n)).collect())
            .collect();
        let now = now();
        let sla = engine.sla();
        let mut c: Vec<Contender> = sets
            .iter()
            .map(|tickets| {
                Contender::new("wuye", BATCH, move || {
                    tickets
                        .iter()
                        .map(|t| sla.evaluate(t, now).map_or(0, |r| r.goals.len() as u64))
                        .sum()
                })
            })
            .collect();
        let r = compare(&mut c, s.round);
        for (n, ops) in [2, 4, 6].iter().zip(&r) {
            rows.push(Row {
                operation: format!("SLA evaluate, {n}-event ticket ({} pauses), typed", (n - 2) / 2),
                wuye: *ops,
                check: None,
                peers: vec![],
            });
        }
    }
    if s.wants("json_sla") {
        let requests: Vec<String> = (0..BATCH as i64)
            .map(|i| {
                let t = serde_json::to_value(ticket(i * 13, 6)).expect("json");
                json!({"op": "sla.evaluate", "ticket": t, "now": "2025-03-10T09:00:00+08:00"}).to_string()
            })
            .collect();
        // The protocol's answer is the typed report, serialized.
        let mut check = Differ::default();
        for (i, r) in requests.iter().enumerate() {
            let t = ticket(i as i64 * 13, 6);
            let typed = engine.sla().evaluate(&t, now()).expect("report");
            let v: serde_json::Value = serde_json::from_str(&engine.request(r)).expect("json");
            check.note((v["ok"] != serde_json::to_value(&typed).expect("json")).then_some("differs from typed"));
        }
        let mut c = [Contender::new("wuye", BATCH, || {
            requests.iter().map(|r| engine.request(r).len() as u64).sum()
        })];
        let r = compare(&mut c, s.round);
        rows.push(Row {
            operation: "`sla.evaluate` 6-event ticket, JSON text in/out".into(),
            wuye: r[0],
            check: Some(check),
            peers: vec![],
        });
    }
    rows
}

/// Nanoseconds per ticket with 6, 60 and 600 events (the cost should grow at most linearly).
pub fn scaling(engine: &Engine, s: &Settings) -> Vec<(usize, f64)> {
    let now = now();
    let sla = engine.sla();
    let sizes = [6usize, 60, 600];
    let sets: Vec<Vec<Ticket>> = sizes
        .iter()
        .map(|&n| (0..(BATCH * 6 / n).max(4) as i64).map(|i| ticket(i * 13, n)).collect())
        .collect();
    let mut c: Vec<Contender> = Vec::new();
    for tickets in &sets {
        c.push(Contender::new("wuye", tickets.len(), move || {
            tickets
                .iter()
                .map(|t| sla.evaluate(t, now).map_or(0, |r| r.goals.len() as u64))
                .sum()
        }));
    }
    let r = compare(&mut c, s.round);
    sizes.iter().zip(r).map(|(&n, ops)| (n, 1e9 / ops)).collect()
}
