//! Replays the catalogue of bad inputs in `tests/bad-inputs/` (same three-line format as tests/vectors, so the
//! C and JS replayers read it too): each answer is exact, each error code is documented, and nothing valid changes.

mod support;

use serde_json::Value;

fn engine() -> wuye::Engine {
    wuye::Engine::with_default_handbook().expect("default handbook compiles")
}

/// Every `code` in an answer (an envelope, a batch of them, or nested results such as `sla.batch`'s).
fn codes(answer: &Value, out: &mut Vec<String>) {
    match answer {
        Value::Object(m) => {
            if let Some(Value::String(code)) = m.get("error").and_then(|e| e.get("code")) {
                out.push(code.clone());
            }
            m.values().for_each(|v| codes(v, out));
        }
        Value::Array(a) => a.iter().for_each(|v| codes(v, out)),
        _ => {}
    }
}

fn documentation() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).expect("docs exist") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "md") {
            text.push_str(&std::fs::read_to_string(path).expect("readable doc"));
        }
    }
    text
}

#[test]
fn every_bad_input_gets_its_exact_documented_error() {
    let engine = engine();
    let docs = documentation();
    let mut undocumented = Vec::new();
    for (v, actual) in support::replay(&engine, "tests/bad-inputs") {
        let answer: Value = serde_json::from_str(&actual).expect("every answer is JSON");
        let mut found = Vec::new();
        codes(&answer, &mut found);
        // A few entries show what is *accepted* at an edge; their description says so.
        if !v.description.contains("(accepted") {
            assert!(
                !found.is_empty(),
                "{}:{} {}: no error in {actual}",
                v.file.display(),
                v.line,
                v.description
            );
        }
        for code in found {
            if !docs.contains(&format!("`{code}`")) && !undocumented.contains(&code) {
                undocumented.push(code);
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "codes missing from docs/*.md: {undocumented:?}"
    );
}

#[test]
fn bad_inputs_change_nothing_that_was_valid() {
    let engine = engine();
    let before: Vec<String> = support::read_all("tests/vectors")
        .iter()
        .map(|v| engine.request(&v.request))
        .collect();
    for v in support::read_all("tests/bad-inputs") {
        engine.request(&v.request);
    }
    let after: Vec<String> = support::read_all("tests/vectors")
        .iter()
        .map(|v| engine.request(&v.request))
        .collect();
    assert_eq!(before, after);
}

/// An event the history refuses leaves the evaluation of the history before it exactly as it was.
#[test]
fn a_refused_event_leaves_the_state_as_it_was() {
    let engine = engine();
    let at = |h: u32, m: u32| format!("2025-03-03T{h:02}:{m:02}:00+08:00");
    let history = serde_json::json!([
        {"type": "created", "at": at(9, 0)},
        {"type": "acknowledged", "at": at(9, 10)},
        {"type": "paused", "at": at(9, 30), "reason": "owner not at home"},
        {"type": "resumed", "at": at(11, 30)},
        {"type": "resolved", "at": at(11, 45)},
    ]);
    let request = |events: &Value| {
        serde_json::json!({"op": "sla.evaluate", "now": at(12, 0),
            "ticket": {"id": "C-1", "kind": "complaint", "events": events}})
        .to_string()
    };
    let before = engine.request(&request(&history));
    assert!(before.starts_with(r#"{"ok":"#), "{before}");
    let refused = [
        (
            serde_json::json!({"type": "created", "at": at(11, 50)}),
            "sla.duplicate_created",
        ),
        (
            serde_json::json!({"type": "closed", "at": at(11, 40)}),
            "sla.events_out_of_order",
        ),
        (
            serde_json::json!({"type": "resumed", "at": at(11, 50)}),
            "sla.resume_without_pause",
        ),
        (
            serde_json::json!({"type": "resolved", "at": at(11, 50)}),
            "sla.not_open",
        ),
        (
            serde_json::json!({"type": "acknowledged", "at": at(8, 0)}),
            "sla.event_before_creation",
        ),
        (
            serde_json::json!({"type": "closed", "at": at(12, 1)}),
            "sla.event_in_future",
        ),
        (
            serde_json::json!({"type": "reclassified", "at": at(11, 50), "kind": "x"}),
            "sla.not_open",
        ),
    ];
    for (event, code) in refused {
        let mut events = history.as_array().unwrap().clone();
        let index = events.len();
        events.push(event.clone());
        let answer: Value = serde_json::from_str(&engine.request(&request(&Value::Array(events)))).unwrap();
        assert_eq!(answer["error"]["code"], code, "{event}");
        assert_eq!(answer["error"]["path"], format!("ticket.events[{index}]"), "{event}");
        assert_eq!(engine.request(&request(&history)), before, "after {event}");
    }
}
