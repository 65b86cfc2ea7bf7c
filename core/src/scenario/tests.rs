use serde_json::json;

use super::*;

fn run(doc: serde_json::Value) -> Report {
    Runner::default().run_text(&doc.to_string(), &NO_FILES)
}

fn complaint_step(expect: serde_json::Value) -> serde_json::Value {
    json!({
        "name": "24 hours to resolve",
        "request": {"op": "sla.evaluate", "now": "2025-03-03T10:00:00+08:00", "ticket": {"id": "C-1",
            "kind": "complaint", "events": [{"type": "created", "at": "2025-03-03T09:00:00+08:00"}]}},
        "expect": expect
    })
}

#[test]
fn a_right_expectation_passes_and_a_wrong_one_shows_expected_and_actual() {
    let good = run(json!({"format": FORMAT, "name": "c", "steps": [complaint_step(json!({
        "goals[measure=resolution].due_at": "2025-03-04T09:00:00+08:00"}))]}));
    assert!(good.passed(), "{:?}", good.failures);
    assert!(good.exercised.contains("sla.complaint.resolution"));
    let bad = run(json!({"format": FORMAT, "name": "c", "steps": [complaint_step(json!({
        "goals[measure=resolution].due_at": "2025-03-04T10:00:00+08:00"}))]}));
    let f = &bad.failures[0];
    assert_eq!(f.step, Some(0));
    assert_eq!(f.selector.as_deref(), Some("goals[measure=resolution].due_at"));
    assert_eq!(f.expected, Some(json!("2025-03-04T10:00:00+08:00")));
    assert_eq!(f.actual, Some(json!("2025-03-04T09:00:00+08:00")));
}

#[test]
fn expected_errors_compare_code_and_path() {
    let step = |code: &str| {
        json!({"request": {"op": "calendar.day", "calendar": "office", "date": "2025-02-30"},
               "expect_error": {"code": code, "path": "date"}})
    };
    assert!(run(json!({"format": FORMAT, "name": "e", "steps": [step("time.invalid_date")]})).passed());
    let r = run(json!({"format": FORMAT, "name": "e", "steps": [step("calendar.unknown")]}));
    assert_eq!(r.failures[0].actual, Some(json!("time.invalid_date")));
}

#[test]
fn default_with_patches_the_default_handbook() {
    let r = run(json!({"format": FORMAT, "name": "48h complaints",
        "handbook": {"default_with": {"sla": {"kinds": {"complaint": {"goals": [
            {"measure": "resolution", "target": {"hours": 48}, "source": "§2.2.10"}]}}}}},
        "steps": [complaint_step(json!({"goals[measure=resolution].due_at": "2025-03-05T09:00:00+08:00"}))]}));
    assert!(r.passed(), "{:?}", r.failures);
    assert_eq!(r.handbook, "default");
}

#[test]
fn malformed_files_are_located_not_panics() {
    let e = parse("{\n  \"format\": \"wuye.scenario/1\",\n  \"name\": oops\n}").unwrap_err();
    assert_eq!(e.location, Location::LineColumn { line: 3, column: 11 });
    let e =
        parse(r#"{"format": "wuye.scenario/1", "name": "x", "steps": [{"request": {}, "expekt": {}}]}"#).unwrap_err();
    assert_eq!(e.location, Location::Path("steps[0].expekt".into()), "{e}");
    assert!(e.message.contains("expekt"), "{e}");
    let e = parse(
        r#"{"format": "wuye.scenario/1", "name": "x", "steps": [{"request": {"op": "a.b"}, "expect": {"goals[": 1}}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.location, Location::Path("steps[0].expect[\"goals[\"]".into()));
    assert!(e.message.starts_with("unknown selector"), "{e}");
    let e = parse(r#"{"format": "wuye.scenario/2", "name": "x", "steps": []}"#).unwrap_err();
    assert_eq!(e.location, Location::Path("format".into()));
    let e = parse(r#"{"format": "wuye.scenario/1", "name": "x", "handbook": "mine", "steps": []}"#).unwrap_err();
    assert_eq!(e.location, Location::Path("handbook".into()));
    let r = Runner::default().run_text("[1, 2", &NO_FILES);
    assert!(!r.passed() && r.malformed.is_some());
}

#[test]
fn a_refused_handbook_fails_the_scenario_with_its_problems() {
    let r = run(
        json!({"format": FORMAT, "name": "x", "handbook": {"default_with": {"org": {"roles": 5}}},
        "steps": [{"request": {"op": "org.role", "role": "owner"}}]}),
    );
    assert!(
        r.failures[0].message.starts_with("handbook refused"),
        "{:?}",
        r.failures
    );
    let r = run(json!({"format": FORMAT, "name": "x", "handbook": {"path": "h.json"},
        "steps": [{"request": {"op": "org.role", "role": "owner"}}]}));
    assert!(r.failures[0].message.contains("cannot read handbook `h.json`"));
}

#[test]
fn a_batch_is_addressed_by_position() {
    let r = run(json!({"format": FORMAT, "name": "b", "steps": [{"request": [
        {"op": "org.escalate", "from": "assistant"},
        {"op": "org.role", "role": "nobody"}
    ], "expect": {"[0].to.id": "supervisor", "[1].error.code": "org.unknown_role"}}]}));
    assert!(r.passed(), "{:?}", r.failures);
    assert!(r.exercised.contains("org.escalation_ladder"));
}

#[test]
fn every_rule_has_a_unique_id_and_coverage_counts_scenarios() {
    let e = Engine::with_default_handbook().unwrap();
    let rules = e.rules();
    let ids: BTreeSet<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), rules.len(), "duplicate rule ids");
    assert!(ids.contains("sla.complaint.resolution.escalate.supervisor"));
    assert!(ids.contains("calendar.office") && ids.contains("holiday_set.cn_mainland"));
    let complaint = rules.iter().find(|r| r.id == "sla.complaint.first_response").unwrap();
    assert_eq!(
        complaint.clause.as_deref(),
        Some("§2.2.10"),
        "an assumed goal counts toward its kind's clause"
    );
    let report = run(json!({"format": FORMAT, "name": "c", "steps": [complaint_step(json!({}))]}));
    let cov = Coverage::of("default", rules, &[report]);
    let count = |id: &str| cov.rules.iter().find(|r| r.rule.id == id).unwrap().scenarios;
    assert_eq!(count("sla.complaint.resolution"), 1);
    assert_eq!(count("sla.major_repair"), 0);
    assert!(cov.uncovered_clauses.contains(&"§2.2.1".to_string()));
    assert!(!cov.uncovered_clauses.contains(&"§2.2.10".to_string()));
}

use std::collections::BTreeSet;

use crate::Engine;

#[test]
fn scenario_files_are_recognised_by_their_format() {
    assert!(is_scenario(r#"{"format": "wuye.scenario/1", "name": "x"}"#));
    assert!(
        is_scenario("{\"format\": \"wuye.scenario/1\", oops"),
        "broken scenarios are reported, not skipped"
    );
    assert!(!is_scenario(r#"{"format": "wuye.handbook/1"}"#));
    assert!(!is_scenario("[1, 2"));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_selector_text_parses_or_is_refused(text in "[a-z_.\\[\\]=,0-9]{0,24}") {
            if let Ok(s) = Selector::parse(&text) {
                let _ = s.select(&json!({"a": [{"b": 1}], "c": "d"}));
            }
        }

        #[test]
        fn any_step_runs_or_is_refused(op in "(calendar|sla|org|x)\\.[a-z]{0,8}", key in "[a-z\\[\\]=.0-9]{1,12}",
                                       value in any::<i64>()) {
            let doc = json!({"format": FORMAT, "name": "p", "steps": [
                {"request": {"op": op, "calendar": "office", "role": "owner"}, "expect": {key: value}}]});
            let _ = Runner::default().run_text(&doc.to_string(), &NO_FILES);
        }
    }
}

#[test]
fn a_tiered_reading_exercises_the_tiers_it_crosses() {
    let e = Engine::with_default_handbook().unwrap();
    let ids: BTreeSet<String> = e.rules().into_iter().map(|r| r.id).collect();
    assert!(ids.contains("fees.item.electricity_residential.tier[3]") && ids.contains("fees.arrears.dunning"));
    assert!(
        !ids.contains("fees.item.electricity_commercial.tier[1]"),
        "a flat price has no tiers"
    );
    let req = json!({"op": "fees.quote", "unit": {"use": "residential", "areas": {"building": "100.00"},
        "readings": [{"item": "electricity_residential", "previous": "0", "current": "300", "used_before": "2600"}]},
        "period": {"from": "2025-01-01", "to": "2025-01-31"}});
    let mut out = BTreeSet::new();
    exercised(&e, &req, &e.handle(&req), &mut out);
    assert!(out.contains("fees.item.electricity_residential.tier[1]"));
    assert!(out.contains("fees.item.electricity_residential.tier[2]"));
    assert!(!out.contains("fees.item.electricity_residential.tier[3]"));
    assert!(out.contains("fees.use.residential") && out.contains("fees.day_count"));
}

#[test]
fn a_workflow_history_exercises_its_transitions_and_a_refusal_its_guard() {
    let e = Engine::with_default_handbook().unwrap();
    let ev = |name: &str, role: &str, at: &str, payload: serde_json::Value| json!({"name": name, "actor": "x", "role": role, "at": at, "payload": payload});
    let history = json!([
        ev(
            "apply",
            "owner",
            "2026-03-02T09:00:00+08:00",
            json!({"documents": ["owner_id"]})
        ),
        ev("start_review", "assistant", "2026-03-02T10:00:00+08:00", json!({}))
    ]);
    let req = json!({"op": "workflow.apply", "workflow": "renovation_permit", "history": history,
        "event": ev("approve", "supervisor", "2026-03-03T09:00:00+08:00", json!({})), "now": "2026-03-03T10:00:00+08:00"});
    let mut out = BTreeSet::new();
    exercised(&e, &req, &e.handle(&req), &mut out);
    assert!(out.contains("workflow.renovation_permit.approve"), "{out:?}");
    assert!(out.contains("workflow.guard.renovation_documents"), "{out:?}");
    assert!(
        !out.contains("workflow.renovation_permit.apply"),
        "a refused request replays nothing: {out:?}"
    );
    let state = json!({"op": "workflow.state", "workflow": "renovation_permit", "history": req["history"],
        "now": "2026-03-03T10:00:00+08:00"});
    let mut out = BTreeSet::new();
    exercised(&e, &state, &e.handle(&state), &mut out);
    for id in [
        "workflow.renovation_permit.apply",
        "workflow.renovation_permit.start_review",
        "workflow.renovation_permit.under_review.timer",
        "org.role.supervisor",
    ] {
        assert!(out.contains(id), "{id} not in {out:?}");
    }
}
