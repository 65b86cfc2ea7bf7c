//! Scenarios and invariants of the workflow pillar on the default handbook.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::custody::{KeyEvent, Ledger};
use super::*;
use crate::error::Coded;
use crate::money::Money;
use crate::time::Instant;
use crate::Engine;

fn engine() -> Engine {
    Engine::with_default_handbook().unwrap()
}

fn t(s: &str) -> Instant {
    Instant::parse(s).unwrap()
}

fn ev(name: &str, role: &str, at: &str, payload: Value) -> Event {
    serde_json::from_value(json!({"name": name, "actor": "张三", "role": role, "at": at, "payload": payload})).unwrap()
}

/// A permit from application to the start of works: documents complete, 3000.00 deposit held.
fn permit_in_progress() -> Vec<Event> {
    vec![
        ev(
            "apply",
            "owner",
            "2026-03-02T09:00:00+08:00",
            json!({"documents": ["owner_id", "property_certificate"]}),
        ),
        ev("start_review", "assistant", "2026-03-02T10:00:00+08:00", json!({})),
        ev(
            "add_documents",
            "owner",
            "2026-03-03T09:00:00+08:00",
            json!({"documents": ["renovation_plan", "contractor_licence"]}),
        ),
        ev("approve", "supervisor", "2026-03-03T15:00:00+08:00", json!({})),
        ev(
            "pay_deposit",
            "finance",
            "2026-03-04T09:00:00+08:00",
            json!({"amount": "3000.00"}),
        ),
        ev("start_work", "owner", "2026-03-05T08:00:00+08:00", json!({})),
    ]
}

fn apply_all(def: &Definition, events: &[Event], now: Instant) -> (Vec<Event>, Instance) {
    let mut history = Vec::new();
    let mut instance = def.start();
    for e in events {
        (history, instance) = def.apply(&history, e.clone(), now).unwrap();
    }
    (history, instance)
}

fn code<T: std::fmt::Debug>(r: Result<T, ApplyError>) -> &'static str {
    r.unwrap_err().code()
}

#[test]
fn a_permit_walks_through_a_violation_and_settles_the_deposit_exactly() {
    let e = engine();
    let def = e.workflows().get("renovation_permit").unwrap();
    let now = t("2026-06-01T00:00:00+08:00");
    let mut events = permit_in_progress();
    events.extend([
        ev(
            "record_patrol",
            "assistant",
            "2026-03-06T10:00:00+08:00",
            json!({"findings": []}),
        ),
        ev(
            "find_violation",
            "maintenance",
            "2026-03-09T10:00:00+08:00",
            json!({"findings": ["load-bearing wall opened"], "deduction": "200.50"}),
        ),
        ev(
            "issue_rectification_notice",
            "assistant",
            "2026-03-09T11:00:00+08:00",
            json!({}),
        ),
        ev("report_rectified", "owner", "2026-03-12T11:00:00+08:00", json!({})),
        ev(
            "verify_rectification",
            "supervisor",
            "2026-03-13T11:00:00+08:00",
            json!({"passed": true}),
        ),
        ev(
            "request_completion_inspection",
            "owner",
            "2026-04-20T09:00:00+08:00",
            json!({}),
        ),
        ev(
            "pass_completion_inspection",
            "assistant",
            "2026-04-21T09:00:00+08:00",
            json!({"passed": true}),
        ),
        ev(
            "settle_deposit",
            "finance",
            "2026-04-22T09:00:00+08:00",
            json!({"deduction": "99.50"}),
        ),
        ev("archive", "assistant", "2026-04-23T09:00:00+08:00", json!({})),
    ]);
    let (history, instance) = apply_all(def, &events, now);
    assert_eq!(history, events);
    assert_eq!(def.state_name(instance.state), "closed");
    let deposit = instance.accounts["deposit"];
    assert_eq!(deposit.held, Money::from_fen(300_000));
    assert_eq!(deposit.deducted, Money::from_fen(30_000));
    assert_eq!(deposit.refunded, Money::from_fen(270_000));
    assert_eq!(deposit.balance, Money::from_fen(0));
    assert_eq!(def.replay(&history, now).unwrap(), instance);
    let more = ev("apply", "owner", "2026-04-24T09:00:00+08:00", json!({}));
    assert_eq!(code(def.apply(&history, more, now)), "workflow.finished");
}

#[test]
fn an_assistant_cannot_approve_what_the_handbook_reserves_for_the_supervisor() {
    let e = engine();
    let def = e.workflows().get("renovation_permit").unwrap();
    let history = &permit_in_progress()[..3];
    let approve = ev("approve", "assistant", "2026-03-03T15:00:00+08:00", json!({}));
    let err = def.apply(history, approve, t("2026-03-04T00:00:00+08:00")).unwrap_err();
    assert_eq!(err.code(), "workflow.role_not_allowed");
    assert!(err.to_string().contains("allowed: supervisor"), "{err}");
}

#[test]
fn approving_without_the_required_documents_fails_the_named_guard() {
    let e = engine();
    let def = e.workflows().get("renovation_permit").unwrap();
    let history = &permit_in_progress()[..2];
    let approve = ev("approve", "supervisor", "2026-03-03T15:00:00+08:00", json!({}));
    let err = def.apply(history, approve, t("2026-03-04T00:00:00+08:00")).unwrap_err();
    assert_eq!(err.code(), "workflow.guard_failed");
    let text = err.to_string();
    assert!(text.contains("`renovation_documents`"), "{text}");
    assert!(text.contains("renovation_plan, contractor_licence"), "{text}");
}

#[test]
fn a_passed_rectification_deadline_is_overdue_for_the_responsible_role() {
    let e = engine();
    let def = e.workflows().get("renovation_permit").unwrap();
    let mut events = permit_in_progress();
    events.push(ev(
        "find_violation",
        "assistant",
        "2026-03-09T10:00:00+08:00",
        json!({"findings": ["x"]}),
    ));
    events.push(ev(
        "issue_rectification_notice",
        "assistant",
        "2026-03-09T11:00:00+08:00",
        json!({}),
    ));
    let at_deadline = t("2026-03-16T11:00:00+08:00");
    let (_, instance) = apply_all(def, &events, at_deadline);
    let just_before = at_deadline.plus(-1).unwrap();
    let timers = def.timers(&instance, e.calendars(), just_before).unwrap();
    assert_eq!(timers.len(), 1);
    assert_eq!(timers[0].due_at, at_deadline);
    assert!(!timers[0].overdue, "a second before the deadline");
    let timers = def.timers(&instance, e.calendars(), at_deadline).unwrap();
    assert!(timers[0].overdue, "overdue from the due instant on, like an SLA breach");
    assert_eq!(timers[0].state, "rectification_notice");
    assert_eq!(timers[0].timer.responsible, "assistant");
}

#[test]
fn the_review_timer_counts_working_days_on_the_office_calendar() {
    let e = engine();
    let def = e.workflows().get("renovation_permit").unwrap();
    // Thursday before the 2026 Labour Day break (May 1–5 off): 3 working days end on Friday May 8.
    let events = [
        ev("apply", "owner", "2026-04-30T09:00:00+08:00", json!({})),
        ev("start_review", "assistant", "2026-04-30T10:00:00+08:00", json!({})),
    ];
    let now = t("2026-05-06T00:00:00+08:00");
    let (_, instance) = apply_all(def, &events, now);
    let timers = def.timers(&instance, e.calendars(), now).unwrap();
    assert_eq!(timers[0].due_at, t("2026-05-08T10:00:00+08:00"));
    assert_eq!(timers[0].timer.responsible, "supervisor");
    assert!(!timers[0].overdue);
    // Adding documents does not re-enter the state, so the timer keeps running from the review's start.
    let more = ev(
        "add_documents",
        "owner",
        "2026-05-06T09:00:00+08:00",
        json!({"documents": ["owner_id"]}),
    );
    let (_, instance) = def.apply(&events, more, t("2026-05-09T00:00:00+08:00")).unwrap();
    let timers = def
        .timers(&instance, e.calendars(), t("2026-05-09T00:00:00+08:00"))
        .unwrap();
    assert_eq!(timers[0].started_at, t("2026-04-30T10:00:00+08:00"));
    assert!(timers[0].overdue);
}

#[test]
fn bad_events_get_distinct_codes() {
    let e = engine();
    let def = e.workflows().get("renovation_permit").unwrap();
    let history = permit_in_progress();
    let now = t("2026-03-10T00:00:00+08:00");
    let at = "2026-03-06T00:00:00+08:00";
    let try_ = |event: Event| code(def.apply(&history, event, now));
    assert_eq!(
        try_(ev("demolish", "assistant", at, json!({}))),
        "workflow.unknown_event"
    );
    assert_eq!(
        try_(ev("approve", "supervisor", at, json!({}))),
        "workflow.invalid_transition"
    );
    assert_eq!(
        try_(ev("record_patrol", "janitor", at, json!({}))),
        "workflow.unknown_role"
    );
    let mut no_role = ev("record_patrol", "assistant", at, json!({"findings": []}));
    no_role.role = None;
    assert_eq!(try_(no_role), "workflow.missing_role");
    let mut no_actor = ev("record_patrol", "assistant", at, json!({"findings": []}));
    no_actor.actor = " ".into();
    assert_eq!(try_(no_actor), "workflow.missing_actor");
    let early = ev(
        "record_patrol",
        "assistant",
        "2026-03-01T00:00:00+08:00",
        json!({"findings": []}),
    );
    assert_eq!(try_(early), "workflow.out_of_order");
    let future = ev(
        "record_patrol",
        "assistant",
        "2026-03-11T00:00:00+08:00",
        json!({"findings": []}),
    );
    assert_eq!(try_(future), "workflow.event_in_future");
    let fine = ev(
        "find_violation",
        "assistant",
        at,
        json!({"findings": ["x"], "deduction": "3000.01"}),
    );
    assert_eq!(try_(fine), "workflow.insufficient_balance");
    let fine = ev(
        "find_violation",
        "assistant",
        at,
        json!({"findings": ["x"], "deduction": 5}),
    );
    assert_eq!(try_(fine), "workflow.invalid_amount");
    // A bad event inside the history is located by its index.
    let mut broken = history.clone();
    broken[3].role = Some("assistant".into());
    match def.apply(&broken, ev("start_work", "owner", at, json!({})), now) {
        Err(ApplyError::History(h)) => {
            assert_eq!(h.index, 3);
            assert_eq!(h.code(), "workflow.role_not_allowed");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn allowed_lists_what_a_role_may_do_now() {
    let e = engine();
    let def = e.workflows().get("renovation_permit").unwrap();
    let now = t("2026-03-03T00:00:00+08:00");
    let instance = def.replay(&permit_in_progress()[..2], now).unwrap();
    let names = |role: &str| -> Vec<String> {
        def.allowed(&instance, role)
            .unwrap()
            .iter()
            .map(|t| t.event.clone())
            .collect()
    };
    assert_eq!(names("supervisor"), ["approve", "reject"]);
    assert_eq!(names("assistant"), ["add_documents"]);
    assert!(names("finance").is_empty());
    assert_eq!(
        def.allowed(&instance, "nobody").unwrap_err().code(),
        "workflow.unknown_role"
    );
}

fn key(key: &str, name: &str, role: &str, at: &str, payload: Value) -> KeyEvent {
    serde_json::from_value(
        json!({"key": key, "name": name, "actor": "王五", "role": role, "at": at, "payload": payload}),
    )
    .unwrap()
}

#[test]
fn a_key_not_in_custody_cannot_be_issued() {
    let e = engine();
    let def = e.workflows().custody().unwrap();
    let now = t("2026-03-10T00:00:00+08:00");
    let history = vec![
        key(
            "3-502/door",
            "register",
            "assistant",
            "2026-03-01T09:00:00+08:00",
            json!({"kind": "unit_door"}),
        ),
        key(
            "3-502/door",
            "issue",
            "assistant",
            "2026-03-02T09:00:00+08:00",
            json!({"holder": "装修队 李工"}),
        ),
    ];
    let ledger = Ledger::replay(def, &history, now).unwrap();
    assert_eq!(ledger.places(def)["issued"], ["3-502/door"]);
    assert_eq!(ledger.keys["3-502/door"].instance.facts["holder"], "装修队 李工");
    let again = key(
        "3-502/door",
        "issue",
        "assistant",
        "2026-03-03T09:00:00+08:00",
        json!({"holder": "赵六"}),
    );
    let err = Ledger::apply(def, &history, again, now).unwrap_err();
    assert_eq!(err.code(), "workflow.invalid_transition");
    let unknown = key(
        "9-999/mailbox",
        "issue",
        "assistant",
        "2026-03-03T09:00:00+08:00",
        json!({"holder": "x"}),
    );
    assert_eq!(
        Ledger::apply(def, &history, unknown, now).unwrap_err().code(),
        "custody.unknown_key"
    );
    let odd = key(
        "lobby-7",
        "register",
        "assistant",
        "2026-03-03T09:00:00+08:00",
        json!({"kind": "garage"}),
    );
    assert_eq!(
        Ledger::apply(def, &history, odd, now).unwrap_err().code(),
        "workflow.guard_failed"
    );
    let back = key(
        "3-502/door",
        "return",
        "assistant",
        "2026-03-04T09:00:00+08:00",
        json!({}),
    );
    let (_, ledger) = Ledger::apply(def, &history, back, now).unwrap();
    assert_eq!(ledger.places(def)["in_custody"], ["3-502/door"]);
    assert!(!ledger.keys["3-502/door"].instance.facts.contains_key("holder"));
}

/// A handbook whose workflows section is `section`.
fn compile_section(section: Value) -> Vec<crate::Problem> {
    let mut doc = crate::handbook::default_document();
    doc["workflows"] = section;
    match Engine::from_value(&doc) {
        Ok(_) => Vec::new(),
        Err(e) => e.0,
    }
}

#[test]
fn the_handbook_is_checked_for_every_problem_with_its_path() {
    let section = json!({
        "calendar": "office",
        "guards": [
            {"id": "g", "check": {"field_present": {"field": "x"}}, "source": "§2.2.3"},
            {"id": "g", "check": {"field_present": {"field": "y"}}, "source": "§2.2.3"},
            {"id": "m", "check": {"amount_at_least": {"field": "a", "min": "1.234"}}, "source": "§2.2.3"}
        ],
        "definitions": [{
            "id": "w", "name": "w", "initial": "a", "source": "§2.2.3",
            "states": [
                {"id": "a"}, {"id": "b"}, {"id": "a"}, {"id": "island"}, {"id": "end", "terminal": true},
                {"id": "stuck", "timer": {"within": {"days": 1}, "calendar": "nowhere", "responsible": "janitor",
                  "source": {"assumed": "test"}}}
            ],
            "transitions": [
                {"event": "go", "from": "a", "to": "b", "roles": ["assistant"], "guards": ["g", "nope"]},
                {"event": "go", "from": ["a"], "to": "end", "roles": ["boss"]},
                {"event": "on", "from": "b", "to": "nowhere", "roles": ["assistant"]},
                {"event": "fin", "from": "b", "to": "end", "roles": []}
            ]
        }],
        "custody": {"workflow": "missing", "source": "§2.2.5"}
    });
    let problems = compile_section(section);
    let got: Vec<(&str, String)> = problems
        .iter()
        .map(|p| (p.code, p.path.clone().unwrap_or_default()))
        .collect();
    let expected = [
        ("handbook.duplicate_id", "workflows.guards[1].id"),
        ("handbook.invalid_value", "workflows.guards[2].check"),
        ("handbook.duplicate_id", "workflows.definitions[0].states[2].id"),
        (
            "handbook.unknown_role",
            "workflows.definitions[0].states[5].timer.responsible",
        ),
        ("calendar.unknown", "workflows.definitions[0].states[5].timer.calendar"),
        (
            "handbook.unknown_guard",
            "workflows.definitions[0].transitions[0].guards[1]",
        ),
        (
            "handbook.duplicate_transition",
            "workflows.definitions[0].transitions[1].from[0]",
        ),
        (
            "handbook.unknown_role",
            "workflows.definitions[0].transitions[1].roles[0]",
        ),
        ("handbook.unknown_state", "workflows.definitions[0].transitions[2].to"),
        (
            "handbook.invalid_value",
            "workflows.definitions[0].transitions[3].roles",
        ),
        ("handbook.unknown_workflow", "workflows.custody.workflow"),
    ];
    let expected: Vec<(&str, String)> = expected.iter().map(|(c, p)| (*c, p.to_string())).collect();
    assert_eq!(got, expected);
}

#[test]
fn a_company_adds_its_own_workflow_as_data() {
    let mut doc = crate::handbook::default_document();
    doc["workflows"]["guards"].as_array_mut().unwrap().push(json!(
        {"id": "plate_given", "check": {"field_present": {"field": "plate"}}, "source": {"assumed": "company rule"}}
    ));
    doc["workflows"]["definitions"].as_array_mut().unwrap().push(json!({
        "id": "parking_permit", "name": "车位申请", "initial": "new", "source": {"assumed": "company rule"},
        "states": [{"id": "new"}, {"id": "requested", "timer": {"within": {"business_hours": 4},
            "responsible": "assistant", "source": {"assumed": "company promise"}}}, {"id": "granted", "terminal": true}],
        "transitions": [
            {"event": "request", "from": "new", "to": "requested", "roles": ["owner"], "guards": ["plate_given"]},
            {"event": "grant", "from": "requested", "to": "granted", "roles": ["assistant", "supervisor"]}
        ]
    }));
    let e = Engine::from_value(&doc).unwrap();
    let answer: Value = serde_json::from_str(
        &e.request(
            &json!({"op": "workflow.apply", "workflow": "parking_permit",
        "event": {"name": "request", "actor": "陈", "role": "owner", "at": "2026-03-06T16:00:00+08:00",
                  "payload": {"plate": "沪A12345"}},
        "now": "2026-03-06T16:00:00+08:00"})
            .to_string(),
        ),
    )
    .unwrap();
    // 4 business hours from Friday 16:00: 1.5 h on Friday, 2.5 h from Monday 08:30 → Monday 11:00.
    assert_eq!(
        answer["ok"]["state"]["timers"][0]["due_at"], "2026-03-09T11:00:00+08:00",
        "{answer}"
    );
}

#[test]
fn graph_problems_are_reported_once_references_resolve() {
    let section = json!({
        "calendar": "office",
        "guards": [],
        "definitions": [{
            "id": "w", "name": "w", "initial": "a", "source": "§2.2.3",
            "states": [{"id": "a"}, {"id": "b"}, {"id": "island"}, {"id": "end", "terminal": true}],
            "transitions": [
                {"event": "go", "from": "a", "to": "b", "roles": ["assistant"]},
                {"event": "back", "from": "end", "to": "a", "roles": ["assistant"]},
                {"event": "x", "from": "island", "to": "end", "roles": ["assistant"]}
            ]
        }]
    });
    let got: Vec<(&str, String)> = compile_section(section)
        .into_iter()
        .map(|p| (p.code, p.path.unwrap_or_default()))
        .collect();
    let at = |i: usize| format!("workflows.definitions[0].states[{i}]");
    assert_eq!(
        got,
        [
            ("handbook.dead_end_state", at(1)),
            ("handbook.unreachable_state", at(2)),
            ("handbook.unreachable_state", at(3)),
            ("handbook.terminal_has_transitions", at(3)),
        ]
    );
}

#[test]
fn unknown_initial_and_from_states_are_reported() {
    let section = json!({
        "calendar": "office",
        "guards": [],
        "definitions": [{
            "id": "w", "name": "w", "initial": "zero", "source": "§2.2.3",
            "states": [{"id": "a"}, {"id": "end", "terminal": true}],
            "transitions": [{"event": "go", "from": ["a", "ghost"], "to": "end", "roles": ["assistant"]}]
        }]
    });
    let got: Vec<(&str, String)> = compile_section(section)
        .into_iter()
        .map(|p| (p.code, p.path.unwrap_or_default()))
        .collect();
    assert_eq!(
        got,
        [
            ("handbook.unknown_state", "workflows.definitions[0].initial".to_string()),
            (
                "handbook.unknown_state",
                "workflows.definitions[0].transitions[0].from[1]".to_string()
            ),
        ]
    );
}

// ---- properties ----

/// The walks the properties run do go deep (so the properties are not vacuous): on a fixed seed, walks through
/// the renovation permit accept many events and some reach the deposit settlement.
#[test]
fn random_walks_reach_deep_states() {
    use proptest::strategy::ValueTree;
    let e = engine();
    let def = e.workflows().get("renovation_permit").unwrap();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut accepted, mut deepest) = (0, 0);
    for _ in 0..64 {
        let steps = arb_steps().new_tree(&mut runner).unwrap().current();
        let mut instance = def.start();
        let mut history = Vec::new();
        let mut at = t("2026-03-01T00:00:00+08:00");
        let now = t("2027-03-01T00:00:00+08:00");
        for step in &steps {
            at = at.plus(step.3.abs()).unwrap();
            let event = event_for(def, &instance, step, at);
            if let Ok(next) = def.step(&instance, &history, &event, now) {
                instance = next;
                history.push(event);
            }
        }
        accepted += history.len();
        deepest = deepest.max(instance.state);
    }
    assert!(accepted >= 64 * 5, "only {accepted} events accepted in 64 walks");
    assert!(
        deepest >= def.state_id("completed").unwrap(),
        "deepest state {}",
        def.state_name(deepest)
    );
}

const ROLES: [&str; 8] = [
    "assistant",
    "supervisor",
    "property_manager",
    "finance",
    "maintenance",
    "owner",
    "deputy_general_manager",
    "janitor",
];

fn arb_payload() -> impl Strategy<Value = Value> {
    let docs = prop::sample::subsequence(
        vec![
            "owner_id",
            "property_certificate",
            "renovation_plan",
            "contractor_licence",
        ],
        0..=4,
    );
    let amount = prop::sample::select(vec!["1000.00", "3000.00", "2500", "abc", "0.01"]);
    let forms = prop::sample::subsequence(
        vec!["owner_registration_form", "handover_confirmation", "meter_readings"],
        0..=3,
    );
    let kind = prop::sample::select(vec!["unit_door", "security_door", "mailbox", "lobby_card", "garage"]);
    (
        (docs, forms, kind),
        any::<bool>(),
        amount.clone(),
        prop::option::of(amount),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|((docs, forms, kind), passed, amount, deduction, findings, reason)| {
            let mut p = json!({"documents": docs, "forms": forms, "kind": kind, "passed": passed, "amount": amount});
            if let Some(d) = deduction {
                p["deduction"] = json!(d);
            }
            if findings {
                p["findings"] = json!(["x"]);
            }
            if reason {
                p["reason"] = json!("不符合规定");
                p["holder"] = json!("李四");
                p["title"] = json!("中秋游园会");
                p["defects"] = json!([]);
                p["keys"] = json!(["door"]);
            }
            p
        })
}

/// One random step: how to pick the event and role (mostly a possible event in an allowed role, so walks go
/// deep), how far time moves (sometimes backwards), and the payload.
type Step = (u8, prop::sample::Index, prop::sample::Index, i64, Value);

fn arb_steps() -> impl Strategy<Value = Vec<Step>> {
    let one = (
        0u8..10,
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        -3_600i64..200_000,
        arb_payload(),
    );
    prop::collection::vec(one, 0..60)
}

/// The event a step makes against the instance's current state.
fn event_for(def: &Definition, instance: &Instance, step: &Step, at: Instant) -> Event {
    let (mode, pick, role_pick, _, payload) = step;
    let leaving: Vec<&Transition> = def.leaving(instance.state).collect();
    let (name, role): (String, Option<&str>) = match (mode, leaving.is_empty()) {
        (0, _) => ("bogus".into(), Some(*role_pick.get(&ROLES))),
        (1, _) => (pick.get(&def.transitions).event.clone(), None),
        (2..=3, _) | (_, true) => (pick.get(&def.transitions).event.clone(), Some(*role_pick.get(&ROLES))),
        _ => {
            let t = pick.get(&leaving);
            (t.event.clone(), Some(role_pick.get(&t.roles).as_str()))
        }
    };
    serde_json::from_value(json!({
        "name": name, "actor": "a", "role": role, "at": at.format(crate::time::Offset::CHINA), "payload": payload,
    }))
    .unwrap()
}

/// Cases per property: `default`, or `PROPTEST_CASES / divisor` (scripts/test-workflow.sh asks for more).
fn cases(default: u32, divisor: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse::<u32>().ok())
        .map_or(default, |c| (c / divisor).max(1))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64, 1)))]

    /// For any event sequence: state = fold(accepted events), replaying the history reproduces it, and a
    /// refused event leaves the history and the state byte for byte as they were.
    #[test]
    fn state_is_the_fold_of_accepted_events(which in 0usize..4, steps in arb_steps()) {
        let e = engine();
        let def = &e.workflows().definitions()[which];
        let now = t("2026-03-01T00:00:00+08:00").plus(60 * 86_400 * 4).unwrap();
        let mut at = t("2026-03-01T00:00:00+08:00");
        let mut history: Vec<Event> = Vec::new();
        let mut instance = def.start();
        for step in &steps {
            at = at.plus(step.3).unwrap();
            let event = event_for(def, &instance, step, at);
            let before = serde_json::to_string(&history).unwrap();
            let instance_before = format!("{instance:?}");
            match def.apply(&history, event.clone(), now) {
                Ok((next_history, next)) => {
                    prop_assert_eq!(&next_history[..history.len()], &history[..]);
                    prop_assert_eq!(next_history.last(), Some(&event));
                    prop_assert_eq!(&def.replay(&next_history, now).unwrap(), &next);
                    history = next_history;
                    instance = next;
                }
                Err(err) => {
                    prop_assert!(matches!(err, ApplyError::Event(_)), "history stayed valid: {err:?}");
                    prop_assert_eq!(serde_json::to_string(&history).unwrap(), before);
                    prop_assert_eq!(format!("{instance:?}"), instance_before);
                    // The same event inside a history is refused at its index, with the same code.
                    let mut bad = history.clone();
                    bad.push(event);
                    let h = def.replay(&bad, now).unwrap_err();
                    prop_assert_eq!(h.index, history.len());
                    prop_assert_eq!(h.code(), err.code());
                    if let Some(last) = history.last() {
                        at = last.at;
                    }
                }
            }
            prop_assert_eq!(instance.events, history.len());
        }
        prop_assert_eq!(&def.replay(&history, now).unwrap(), &instance);
        // Money is never created or lost: balance = held − deducted − refunded.
        for acc in instance.accounts.values() {
            prop_assert_eq!(acc.balance.fen(), acc.held.fen() - acc.deducted.fen() - acc.refunded.fen());
            prop_assert!(!acc.balance.is_negative());
        }
    }

    /// Every registered key is always in exactly one place, and only an issued key has a holder.
    #[test]
    fn every_key_is_in_exactly_one_place(
        raw in prop::collection::vec((
            0usize..4,
            prop::sample::select(vec!["register", "issue", "return", "report_lost", "found", "retire", "lend"]),
            prop::sample::select(vec!["assistant", "supervisor", "owner"]),
            prop::sample::select(vec!["unit_door", "mailbox", "lobby_card", "garage"]),
            any::<bool>(),
        ), 0..80),
    ) {
        let e = engine();
        let def = e.workflows().custody().unwrap();
        let now = t("2027-01-01T00:00:00+08:00");
        let mut at = t("2026-03-01T00:00:00+08:00");
        let mut history: Vec<KeyEvent> = Vec::new();
        let mut ledger = Ledger::default();
        for (k, name, role, kind, named) in raw {
            at = at.plus(3_600).unwrap();
            let mut payload = json!({"kind": kind});
            if named {
                payload["holder"] = json!("李四");
            }
            let event = key(&format!("k{k}"), name, role, &at.format(crate::time::Offset::CHINA), payload);
            if let Ok((h, l)) = Ledger::apply(def, &history, event, now) {
                history = h;
                ledger = l;
            }
            let places = ledger.places(def);
            let mut seen: Vec<&String> = places.values().flatten().collect();
            prop_assert_eq!(seen.len(), ledger.keys.len());
            seen.sort();
            seen.dedup();
            prop_assert_eq!(seen.len(), ledger.keys.len());
            prop_assert!(!places.contains_key("unregistered"));
            for (id, record) in &ledger.keys {
                let place = def.state_name(record.instance.state);
                prop_assert!(["in_custody", "issued", "lost", "retired"].contains(&place), "{id} in {place}");
                prop_assert_eq!(record.instance.facts.contains_key("holder"), place == "issued");
            }
        }
        prop_assert_eq!(Ledger::replay(def, &history, now).unwrap(), ledger);
    }
}

proptest! {
    // Slower (JSON both ways, a replay per answer): fewer cases unless PROPTEST_CASES asks for more.
    #![proptest_config(ProptestConfig::with_cases(cases(24, 8)))]

    /// Over the JSON protocol: an accepted `workflow.apply` answers the same state as `workflow.state` over the
    /// returned history; a refused one is an error, and the state of the host's history is byte for byte the same.
    #[test]
    fn the_protocol_answers_what_the_fold_says(steps in arb_steps().prop_map(|s| s.into_iter().take(25).collect::<Vec<_>>())) {
        let e = engine();
        let def = e.workflows().get("renovation_permit").unwrap();
        let now = "2026-12-31T00:00:00+08:00";
        let state_of = |history: &Value| e.request(&json!({"op": "workflow.state", "workflow": def.id,
            "history": history, "now": now}).to_string());
        let mut history = json!([]);
        let mut instance = def.start();
        let mut at = t("2026-03-01T00:00:00+08:00");
        let mut state = state_of(&history);
        for step in &steps {
            at = at.plus(step.3).unwrap();
            let event = event_for(def, &instance, step, at);
            let answer: Value = serde_json::from_str(&e.request(&json!({"op": "workflow.apply", "workflow": def.id,
                "history": history, "event": event, "now": now}).to_string())).unwrap();
            match answer.get("ok") {
                Some(ok) => {
                    prop_assert_eq!(ok["history"].as_array().unwrap().len(), history.as_array().unwrap().len() + 1);
                    history = ok["history"].clone();
                    let after = state_of(&history);
                    prop_assert_eq!(&after, &json!({"ok": ok["state"]}).to_string());
                    prop_assert!(after != state || ok["state"]["state"] == json!(def.state_name(instance.state)));
                    state = after;
                    instance = def.replay(&serde_json::from_value::<Vec<Event>>(history.clone()).unwrap(),
                        t(now)).unwrap();
                }
                None => {
                    prop_assert!(answer["error"]["code"].as_str().unwrap().starts_with("workflow."));
                    prop_assert!(answer["error"]["path"].as_str().unwrap().starts_with("event"));
                    prop_assert_eq!(&state_of(&history), &state);
                    at = instance.last_at.unwrap_or(at);
                }
            }
        }
    }
}

#[test]
fn amounts_are_exact_non_negative_decimal_strings() {
    use super::guard::amount;
    assert_eq!(amount("3000"), Some(Money::from_fen(300_000)));
    assert_eq!(amount("0.5"), Some(Money::from_fen(50)));
    assert_eq!(amount("1234.05"), Some(Money::from_fen(123_405)));
    for bad in ["", "-1", "-0.01", "1.234", "abc", "1,000"] {
        assert_eq!(amount(bad), None, "{bad}");
    }
}
