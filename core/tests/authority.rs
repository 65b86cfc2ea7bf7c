//! Authority: the protocol cannot be used to skip a role check or a guard. The host states the actor and role; the
//! library checks them against the handbook on every event, including every event of a history passed back in,
//! on every op that reads a history. A handbook cannot grant a transition to a role the org chart lacks.

use serde_json::{json, Value};

fn engine() -> wuye::Engine {
    wuye::Engine::with_default_handbook().expect("default handbook compiles")
}

fn at(day: u32, hour: u32) -> String {
    format!("2026-03-{day:02}T{hour:02}:00:00+08:00")
}

fn ev(name: &str, role: &str, when: String, payload: Value) -> Value {
    json!({"name": name, "actor": format!("{role} 1"), "role": role, "at": when, "payload": payload})
}

const DOCUMENTS: [&str; 4] = [
    "owner_id",
    "property_certificate",
    "renovation_plan",
    "contractor_licence",
];

/// A renovation permit that is honestly under review with every document in.
fn under_review() -> Vec<Value> {
    vec![
        ev("apply", "owner", at(2, 9), json!({"documents": DOCUMENTS})),
        ev("start_review", "assistant", at(2, 10), json!({})),
    ]
}

fn ask(engine: &wuye::Engine, request: Value) -> Value {
    serde_json::from_str(&engine.request(&request.to_string())).expect("JSON answer")
}

fn apply(history: &[Value], event: Value) -> Value {
    json!({"op": "workflow.apply", "workflow": "renovation_permit", "history": history, "event": event,
           "now": at(20, 12)})
}

fn error(answer: &Value) -> (&str, &str) {
    let e = &answer["error"];
    (e["code"].as_str().unwrap_or("ok"), e["path"].as_str().unwrap_or(""))
}

#[test]
fn the_role_the_handbook_allows_is_the_only_one_that_may_act() {
    let engine = engine();
    let approve = |role: &str| ev("approve", role, at(3, 9), json!({}));
    assert_eq!(
        ask(&engine, apply(&under_review(), approve("supervisor")))["ok"]["state"]["state"],
        "approved"
    );
    for role in [
        "owner",
        "assistant",
        "finance",
        "maintenance",
        "property_manager",
        "deputy_general_manager",
    ] {
        let answer = ask(&engine, apply(&under_review(), approve(role)));
        assert_eq!(error(&answer).0, "workflow.role_not_allowed", "{role}");
    }
    // A role the org chart lacks, or spelt otherwise, is not a role.
    for role in ["admin", "Supervisor", "supervisor ", "root", "*"] {
        let answer = ask(&engine, apply(&under_review(), approve(role)));
        assert_eq!(error(&answer).0, "workflow.unknown_role", "{role:?}");
    }
    let mut no_role = approve("supervisor");
    no_role["role"] = json!("");
    assert_eq!(
        error(&ask(&engine, apply(&under_review(), no_role))).0,
        "workflow.missing_role"
    );
    let mut no_actor = approve("supervisor");
    no_actor["actor"] = json!(" ");
    assert_eq!(
        error(&ask(&engine, apply(&under_review(), no_actor))).0,
        "workflow.missing_actor"
    );
}

#[test]
fn a_guard_cannot_be_skipped() {
    let engine = engine();
    let history = vec![
        ev("apply", "owner", at(2, 9), json!({"documents": ["owner_id"]})),
        ev("start_review", "assistant", at(2, 10), json!({})),
    ];
    let approve = ev("approve", "supervisor", at(3, 9), json!({}));
    assert_eq!(
        error(&ask(&engine, apply(&history, approve.clone()))).0,
        "workflow.guard_failed"
    );
    // A payload cannot claim the guard's outcome or smuggle a state.
    let claims = ev(
        "approve",
        "supervisor",
        at(3, 9),
        json!({"guards": "passed", "renovation_documents": true}),
    );
    assert_eq!(error(&ask(&engine, apply(&history, claims))).0, "workflow.guard_failed");
    let mut forged_state = approve;
    forged_state["state"] = json!("approved");
    assert_eq!(
        error(&ask(&engine, apply(&history, forged_state))).0,
        "request.unknown_field"
    );
    // The deposit guard holds on the amount, not on the role's say-so.
    let mut approved = under_review();
    approved.push(ev("approve", "supervisor", at(3, 9), json!({})));
    let short = ev("pay_deposit", "finance", at(3, 10), json!({"amount": "1999.99"}));
    assert_eq!(error(&ask(&engine, apply(&approved, short))).0, "workflow.guard_failed");
    let enough = ev("pay_deposit", "finance", at(3, 10), json!({"amount": "2000.00"}));
    assert!(ask(&engine, apply(&approved, enough)).get("ok").is_some());
}

/// Histories the library would have refused event by event, each with the refusal the history gets.
fn forged_histories() -> Vec<(&'static str, Vec<Value>, &'static str, &'static str)> {
    let mut by_owner = under_review();
    by_owner.push(ev("approve", "owner", at(3, 9), json!({})));
    let mut without_documents = vec![
        ev("apply", "owner", at(2, 9), json!({})),
        ev("start_review", "assistant", at(2, 10), json!({})),
    ];
    without_documents.push(ev("approve", "supervisor", at(3, 9), json!({})));
    let skipping = vec![
        ev("apply", "owner", at(2, 9), json!({"documents": DOCUMENTS})),
        ev("approve", "supervisor", at(3, 9), json!({})),
    ];
    let mut invented_role = under_review();
    invented_role.push(ev("approve", "superuser", at(3, 9), json!({})));
    let mut backdated = under_review();
    backdated.push(ev("approve", "supervisor", at(1, 9), json!({})));
    let mut future = under_review();
    future.push(ev("approve", "supervisor", at(25, 9), json!({})));
    let mut duplicated = under_review();
    duplicated.push(duplicated[1].clone());
    let mut foreign = under_review();
    foreign.push(ev("hand_over_keys", "assistant", at(3, 9), json!({"keys": ["A-1"]})));
    vec![
        (
            "approved by the owner",
            by_owner,
            "workflow.role_not_allowed",
            "history[2]",
        ),
        (
            "approved without documents",
            without_documents,
            "workflow.guard_failed",
            "history[2]",
        ),
        ("review skipped", skipping, "workflow.invalid_transition", "history[1]"),
        ("an invented role", invented_role, "workflow.unknown_role", "history[2]"),
        (
            "an event before the one before it",
            backdated,
            "workflow.out_of_order",
            "history[2]",
        ),
        ("an event after now", future, "workflow.event_in_future", "history[2]"),
        (
            "an event replayed",
            duplicated,
            "workflow.invalid_transition",
            "history[2]",
        ),
        (
            "another workflow's event",
            foreign,
            "workflow.unknown_event",
            "history[2]",
        ),
    ]
}

#[test]
fn a_forged_history_is_refused_by_every_op_that_reads_one() {
    let engine = engine();
    let next = ev("pay_deposit", "finance", at(4, 9), json!({"amount": "3000.00"}));
    for (what, history, code, path) in forged_histories() {
        let ops = [
            apply(&history, next.clone()),
            json!({"op": "workflow.state", "workflow": "renovation_permit", "history": history, "now": at(20, 12)}),
            json!({"op": "workflow.allowed", "workflow": "renovation_permit", "history": history,
                   "role": "finance", "now": at(20, 12)}),
        ];
        for request in ops {
            let answer = ask(&engine, request.clone());
            let (c, p) = error(&answer);
            assert_eq!(c, code, "{what}: {}", request["op"]);
            assert!(p.contains(path), "{what}: {} path {p}", request["op"]);
        }
        let overdue = json!({"op": "workflow.overdue", "now": at(20, 12),
            "instances": [{"id": "forged", "workflow": "renovation_permit", "history": history}]});
        let answer = ask(&engine, overdue);
        assert_eq!(answer["ok"]["errors"][0]["error"]["code"], code, "{what}: {answer}");
        assert_eq!(
            answer["ok"]["overdue"],
            json!([]),
            "{what}: a refused history raises no timer"
        );
    }
}

#[test]
fn allowed_lists_only_what_the_role_may_do() {
    let engine = engine();
    let allowed = |role: &str| {
        let answer = ask(
            &engine,
            json!({"op": "workflow.allowed", "workflow": "renovation_permit", "history": under_review(),
                   "role": role, "now": at(3, 12)}),
        );
        let events: Vec<String> = answer["ok"]["allowed"]
            .as_array()
            .map(|a| a.iter().filter_map(|e| e["event"].as_str().map(String::from)).collect())
            .unwrap_or_default();
        (answer, events)
    };
    let (answer, supervisor) = allowed("supervisor");
    assert!(supervisor.contains(&"approve".to_string()), "{answer}");
    let (answer, owner) = allowed("owner");
    assert!(!owner.contains(&"approve".to_string()), "{answer}");
    assert_eq!(error(&allowed("superuser").0).0, "workflow.unknown_role");
}

#[test]
fn a_handbook_cannot_grant_a_transition_to_a_role_the_org_chart_lacks() {
    let mut doc = wuye::handbook::default_document();
    let transitions = &mut doc["workflows"]["definitions"][0]["transitions"];
    let approve = transitions
        .as_array_mut()
        .and_then(|t| t.iter_mut().find(|t| t["event"] == "approve"))
        .expect("approve transition");
    approve["roles"] = json!(["supervisor", "superuser"]);
    let errors = wuye::Engine::from_value(&doc).expect_err("refused");
    assert!(
        errors.0.iter().any(|p| p.code == "handbook.unknown_role"
            && p.path.as_deref() == Some("workflows.definitions[0].transitions[3].roles[1]")),
        "{errors:?}"
    );
    approve_roles(&mut doc, json!([]));
    let errors = wuye::Engine::from_value(&doc).expect_err("refused");
    assert!(
        errors.0.iter().any(|p| p.code == "handbook.invalid_value"),
        "{errors:?}"
    );
}

fn approve_roles(doc: &mut Value, roles: Value) {
    if let Some(t) = doc["workflows"]["definitions"][0]["transitions"]
        .as_array_mut()
        .and_then(|t| t.iter_mut().find(|t| t["event"] == "approve"))
    {
        t["roles"] = roles;
    }
}
