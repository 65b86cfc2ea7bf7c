use super::*;
use crate::time::{Instant, Offset};
use crate::Engine;
use proptest::prelude::*;
use serde_json::json;

fn engine() -> Engine {
    Engine::with_default_handbook().unwrap()
}

fn at(s: &str) -> Instant {
    Instant::parse(s).unwrap()
}

fn ticket(kind: &str, events: serde_json::Value) -> Ticket {
    serde_json::from_value(json!({"id": "T-1", "kind": kind, "events": events})).unwrap()
}

fn goal<'r, 'a>(r: &'r TicketReport<'a>, m: Measure) -> &'r GoalReport<'a> {
    r.goals.iter().find(|g| g.measure == m).unwrap()
}

fn show(t: Option<crate::time::Local>) -> String {
    t.map(|l| l.0.format(Offset::CHINA)).unwrap_or_default()
}

#[test]
fn a_major_repair_is_due_three_working_days_later_skipping_the_spring_festival() {
    let e = engine();
    let t = ticket(
        "major_repair",
        json!([{"type": "created", "at": "2025-01-27T10:00:00+08:00"}]),
    );
    let r = e.sla().evaluate(&t, at("2025-01-27T10:05:00+08:00")).unwrap();
    let g = goal(&r, Measure::Resolution);
    assert_eq!(show(g.due_at), "2025-02-07T10:00:00+08:00");
    assert_eq!(g.state, GoalState::Running);
    assert_eq!(*g.source, crate::handbook::Source::Clause("§2.2.1".into()));
}

#[test]
fn a_pause_of_two_business_hours_moves_a_complaint_two_business_hours_later() {
    let e = engine();
    let plain = ticket(
        "complaint",
        json!([{"type": "created", "at": "2025-03-03T09:00:00+08:00"}]),
    );
    let paused = ticket(
        "complaint",
        json!([
            {"type": "created", "at": "2025-03-03T09:00:00+08:00"},
            {"type": "paused", "at": "2025-03-03T09:30:00+08:00", "reason": "owner not at home"},
            {"type": "resumed", "at": "2025-03-03T11:30:00+08:00"}
        ]),
    );
    let now = at("2025-03-03T12:00:00+08:00");
    let due = |t: &Ticket| {
        goal(&e.sla().evaluate(t, now).unwrap(), Measure::Resolution)
            .due_at
            .unwrap()
            .0
    };
    let (d0, d1) = (due(&plain), due(&paused));
    assert_eq!(
        show(Some(crate::time::Local(d0, Offset::CHINA))),
        "2025-03-04T09:00:00+08:00"
    );
    let office = e.calendars().get("office").unwrap();
    assert_eq!(office.business_seconds_between(d0, d1).unwrap().0, 2 * 3600);
    assert_eq!(d1.0 - d0.0, 2 * 3600);
}

#[test]
fn a_breached_major_repair_escalates_to_the_supervisor_and_owes_the_owner_an_explanation() {
    let e = engine();
    let t = ticket(
        "major_repair",
        json!([
            {"type": "created", "at": "2025-03-03T10:00:00+08:00"},
            {"type": "acknowledged", "at": "2025-03-03T10:30:00+08:00"},
            {"type": "assigned", "at": "2025-03-03T10:40:00+08:00", "to": "wang"}
        ]),
    );
    let r = e.sla().evaluate(&t, at("2025-03-06T10:00:01+08:00")).unwrap();
    let g = goal(&r, Measure::Resolution);
    assert_eq!(g.state, GoalState::Breached);
    assert_eq!(show(g.breached_at), "2025-03-06T10:00:00+08:00");
    assert_eq!(r.escalations_due.len(), 1);
    assert_eq!(r.escalations_due[0].role, "supervisor");
    assert!(matches!(
        r.obligations_open[..],
        [OpenObligation::ExplainToOwner { cycle: 1, .. }]
    ));
    // The property manager comes two working days after the breach: that is the next change.
    assert_eq!(show(r.next_change_at), "2025-03-10T10:00:00+08:00");
    assert_eq!(goal(&r, Measure::FirstResponse).state, GoalState::Met);
    // Informing the owner discharges the obligation; resolving ends the escalation.
    let mut later = t.clone();
    later
        .events
        .push(serde_json::from_value(json!({"type": "owner_informed", "at": "2025-03-06T11:00:00+08:00"})).unwrap());
    later
        .events
        .push(serde_json::from_value(json!({"type": "resolved", "at": "2025-03-06T15:00:00+08:00"})).unwrap());
    let r = e.sla().evaluate(&later, at("2025-03-07T09:00:00+08:00")).unwrap();
    assert_eq!(goal(&r, Measure::Resolution).state, GoalState::MetLate);
    assert!(r.escalations_due.is_empty() && r.obligations_open.is_empty());
    assert_eq!(r.next_change_at, None);
}

#[test]
fn warnings_come_at_their_share_of_the_target() {
    let e = engine();
    let t = ticket(
        "complaint",
        json!([{"type": "created", "at": "2025-03-03T09:00:00+08:00"}]),
    );
    let r = e.sla().evaluate(&t, at("2025-03-03T22:00:00+08:00")).unwrap();
    let g = goal(&r, Measure::Resolution);
    assert_eq!(show(g.warnings[0].at), "2025-03-03T21:00:00+08:00");
    assert!(g.warnings[0].reached && !g.warnings[1].reached);
    assert_eq!(show(r.next_change_at), "2025-03-04T04:12:00+08:00"); // 80 % of 24 h
    assert_eq!(g.percent_used, 54);
}

#[test]
fn a_reopened_ticket_starts_a_new_cycle_and_keeps_the_old_one() {
    let e = engine();
    let t = ticket(
        "complaint",
        json!([
            {"type": "created", "at": "2025-03-03T09:00:00+08:00"},
            {"type": "resolved", "at": "2025-03-03T15:00:00+08:00"},
            {"type": "follow_up_done", "at": "2025-03-04T10:00:00+08:00", "satisfaction": "dissatisfied"},
            {"type": "reopened", "at": "2025-03-04T10:05:00+08:00"}
        ]),
    );
    let r = e.sla().evaluate(&t, at("2025-03-04T12:00:00+08:00")).unwrap();
    assert_eq!(r.cycle, 2);
    let resolutions: Vec<_> = r
        .goals
        .iter()
        .filter(|g| g.measure == Measure::Resolution)
        .map(|g| (g.cycle, g.state))
        .collect();
    assert_eq!(resolutions, [(1, GoalState::Met), (2, GoalState::Running)]);
    assert_eq!(
        show(goal(&r, Measure::Resolution).started_at.into()),
        "2025-03-03T09:00:00+08:00"
    );
}

#[test]
fn an_emergency_goes_to_the_property_manager_at_once() {
    let e = engine();
    let t = ticket(
        "emergency",
        json!([{"type": "created", "at": "2025-03-08T03:00:00+08:00"}]),
    );
    let r = e.sla().evaluate(&t, at("2025-03-08T03:00:00+08:00")).unwrap();
    assert_eq!(r.escalations_due[0].role, "property_manager");
}

#[test]
fn bad_tickets_get_distinct_codes_through_the_protocol() {
    let e = engine();
    let ask = |ticket: serde_json::Value| -> String {
        let req = json!({"op": "sla.evaluate", "now": "2025-03-10T00:00:00+08:00", "ticket": ticket});
        let v: serde_json::Value = serde_json::from_str(&e.request(&req.to_string())).unwrap();
        format!(
            "{} {}",
            v["error"]["code"].as_str().unwrap_or("ok"),
            v["error"]["path"].as_str().unwrap_or("")
        )
    };
    let created = json!({"type": "created", "at": "2025-03-03T09:00:00+08:00"});
    assert_eq!(
        ask(
            json!({"id": "a", "kind": "complaint", "events": [created, {"type": "acknowledged", "at": "2025-03-03T08:00:00+08:00"}]})
        ),
        "sla.event_before_creation ticket.events[1]"
    );
    assert_eq!(
        ask(
            json!({"id": "a", "kind": "complaint", "events": [created, {"type": "resumed", "at": "2025-03-03T10:00:00+08:00"}]})
        ),
        "sla.resume_without_pause ticket.events[1]"
    );
    assert_eq!(
        ask(json!({"id": "a", "kind": "leak", "events": [created]})),
        "sla.unknown_kind ticket.kind"
    );
    assert_eq!(
        ask(json!({"id": "a", "kind": "complaint", "events": [created], "priority": "high"})),
        "request.unknown_field ticket.priority"
    );
}

fn created_at() -> impl Strategy<Value = Instant> {
    let start = at("2025-01-01T00:00:00+08:00").0 / 60;
    let end = at("2026-06-01T00:00:00+08:00").0 / 60;
    (start..end).prop_map(|m| Instant(m * 60))
}

fn kinds() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "consultation",
        "minor_repair",
        "major_repair",
        "complaint",
        "emergency",
        "inspection_finding",
    ])
}

/// A history of pause/resume pairs at the given minute offsets after creation.
fn paused_ticket(kind: &str, created: Instant, pauses: &[(u32, u32)]) -> Ticket {
    let mut events = vec![json!({"type": "created", "at": created.format(Offset::CHINA)})];
    let mut t = created.0;
    for &(gap, len) in pauses {
        t += i64::from(gap) * 60;
        events.push(json!({"type": "paused", "at": Instant(t).format(Offset::CHINA), "reason": "x"}));
        t += i64::from(len) * 60;
        events.push(json!({"type": "resumed", "at": Instant(t).format(Offset::CHINA)}));
    }
    ticket(kind, json!(events))
}

/// The discrete part of an answer: what `next_change_at` promises to be stable until.
fn discrete(r: &TicketReport) -> String {
    let goals: Vec<_> = r
        .goals
        .iter()
        .map(|g| {
            let w: Vec<bool> = g.warnings.iter().map(|w| w.reached).collect();
            let e: Vec<(bool, bool)> = g.escalations.iter().map(|e| (e.fired, e.due)).collect();
            format!("{:?}{:?}{:?}", g.state, w, e)
        })
        .collect();
    format!("{goals:?}{:?}{:?}", r.escalations_due.len(), r.obligations_open.len())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn pausing_never_moves_a_due_instant_earlier(
        kind in kinds(), created in created_at(), pauses in prop::collection::vec((0u32..600, 1u32..600), 0..3)
    ) {
        let e = engine();
        let now = Instant(created.0 + 3 * 86_400);
        let (plain, with) = (paused_ticket(kind, created, &[]), paused_ticket(kind, created, &pauses));
        let plain = e.sla().evaluate(&plain, now).unwrap();
        let with = e.sla().evaluate(&with, now).unwrap();
        for (x, y) in plain.goals.iter().zip(&with.goals) {
            if let (Some(a), Some(b)) = (x.due_at, y.due_at) {
                prop_assert!(b.0 >= a.0, "{:?}: {:?} < {:?}", x.measure, b, a);
            }
        }
    }

    #[test]
    fn the_due_instant_is_monotonic_in_the_created_instant(kind in kinds(), a in created_at(), b in created_at()) {
        let e = engine();
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let due = |c: Instant| {
            let t = paused_ticket(kind, c, &[]);
            let r = e.sla().evaluate(&t, c).unwrap();
            r.goals.iter().map(|g| g.due_at.map(|d| d.0)).collect::<Vec<_>>()
        };
        for (x, y) in due(lo).into_iter().zip(due(hi)) {
            prop_assert!(x <= y);
        }
    }

    #[test]
    fn evaluating_later_never_turns_a_breach_back(
        kind in kinds(), created in created_at(), pauses in prop::collection::vec((0u32..600, 1u32..600), 0..3),
        steps in prop::collection::vec(1i64..200_000, 1..6)
    ) {
        let e = engine();
        let t = paused_ticket(kind, created, &pauses);
        let last_event = t.events.last().unwrap().at();
        let mut now = last_event;
        let mut breached = std::collections::HashSet::new();
        for s in steps {
            now = Instant(now.0 + s);
            let r = e.sla().evaluate(&t, now).unwrap();
            for g in &r.goals {
                if breached.contains(&(g.measure, g.cycle)) {
                    prop_assert_eq!(g.state, GoalState::Breached);
                }
                if g.state == GoalState::Breached {
                    breached.insert((g.measure, g.cycle));
                }
            }
        }
    }

    #[test]
    fn the_answer_changes_at_next_change_at_and_not_before(
        kind in kinds(), created in created_at(), pauses in prop::collection::vec((0u32..600, 1u32..600), 0..2),
        after in 0i64..100_000
    ) {
        let e = engine();
        let t = paused_ticket(kind, created, &pauses);
        let now = Instant(t.events.last().unwrap().at().0 + after);
        let r = e.sla().evaluate(&t, now).unwrap();
        if let Some(next) = r.next_change_at {
            prop_assert!(next.0 > now);
            let just_before = e.sla().evaluate(&t, Instant(next.0.0 - 1)).unwrap();
            let at_next = e.sla().evaluate(&t, next.0).unwrap();
            prop_assert_eq!(discrete(&just_before), discrete(&r));
            prop_assert_ne!(discrete(&at_next), discrete(&r));
        }
    }

    #[test]
    fn counted_intervals_sum_to_the_elapsed_time(
        kind in kinds(), created in created_at(), pauses in prop::collection::vec((0u32..600, 1u32..600), 0..3),
        after in 0i64..400_000
    ) {
        let e = engine();
        let t = paused_ticket(kind, created, &pauses);
        let now = Instant(t.events.last().unwrap().at().0 + after);
        let r = e.sla().evaluate(&t, now).unwrap();
        for g in &r.goals {
            let sum: i64 = g.counted.iter().map(|[a, b]| match &g.calendar {
                Some(id) => e.calendars().get(id).unwrap().business_seconds_between(a.0, b.0).unwrap().0,
                None => b.0.0 - a.0.0,
            }).sum();
            prop_assert_eq!(sum, g.elapsed_seconds);
        }
    }
}
