//! The request limits through the public API: configurable with `Engine::with_limits`, each tested at and just
//! past its value, each with its stable code.

use serde_json::Value;
use wuye::{Engine, Limits};

fn engine(limits: Limits) -> Engine {
    Engine::with_default_handbook().expect("compiles").with_limits(limits)
}

fn code(engine: &Engine, request: &str) -> String {
    let answer: Value = serde_json::from_str(&engine.request(request)).expect("JSON answer");
    answer["error"]["code"].as_str().unwrap_or("ok").to_string()
}

const KINDS: &str = r#"{"op":"sla.kinds"}"#;

#[test]
fn the_defaults_are_documented_values() {
    let e = Engine::with_default_handbook().expect("compiles");
    assert_eq!(e.limits(), &Limits::DEFAULT);
    assert_eq!(Limits::default().max_depth, 32);
    assert_eq!(Limits::DEFAULT.max_request_bytes, 8 * 1024 * 1024);
}

#[test]
fn request_size_at_and_past_the_limit() {
    let e = engine(Limits {
        max_request_bytes: KINDS.len(),
        ..Limits::DEFAULT
    });
    assert_eq!(code(&e, KINDS), "ok");
    assert_eq!(code(&e, &format!("{KINDS} ")), "request.too_large");
}

#[test]
fn nesting_at_and_past_the_limit_in_text_and_in_values() {
    let e = engine(Limits {
        max_depth: 3,
        ..Limits::DEFAULT
    });
    // op object (1) > id array (2) > array (3)
    assert_eq!(code(&e, r#"{"op":"sla.kinds","id":[[]]}"#), "ok");
    assert_eq!(code(&e, r#"{"op":"sla.kinds","id":[[[]]]}"#), "request.too_deep");
    // A value handed to `Engine::handle` is checked the same way (no text scan there).
    let at = serde_json::json!({"op": "sla.kinds", "id": [[]]});
    let past = serde_json::json!({"op": "sla.kinds", "id": [[[]]]});
    assert!(e.handle(&at).get("ok").is_some());
    assert_eq!(e.handle(&past)["error"]["code"], "request.too_deep");
    // In a batch each request sits one level deeper; a refused element does not spoil the others.
    let batch = serde_json::json!([{"op": "sla.kinds", "id": [1]}, {"op": "sla.kinds", "id": [[1]]}]);
    let answers = e.handle(&batch);
    assert!(answers[0].get("ok").is_some(), "{answers}");
    assert_eq!(answers[1]["error"]["code"], "request.too_deep");
}

#[test]
fn serde_jsons_own_recursion_limit_is_reported_as_too_deep() {
    let e = engine(Limits {
        max_depth: 10_000,
        ..Limits::DEFAULT
    });
    let deep = |n: usize| {
        format!(
            r#"{{"op":"sla.kinds","id":{}{}}}"#,
            "[".repeat(n - 1),
            "]".repeat(n - 1)
        )
    };
    assert_eq!(code(&e, &deep(127)), "ok");
    assert_eq!(code(&e, &deep(128)), "request.too_deep");
    assert_eq!(code(&e, &deep(5_000)), "request.too_deep");
    // A host-built value is held to the same cap.
    let mut v = serde_json::json!(1);
    for _ in 0..127 {
        v = Value::Array(vec![v]);
    }
    let request = |id: Value| serde_json::json!({"op": "sla.kinds", "id": id});
    let past = request(Value::Array(vec![v.clone()]));
    assert_eq!(e.handle(&past)["error"]["code"], "request.too_deep");
    let at = request(v.as_array().unwrap()[0].clone());
    assert!(e.handle(&at).get("ok").is_some());
}

#[test]
fn batch_length_at_and_past_the_limit() {
    let e = engine(Limits {
        max_batch: 3,
        ..Limits::DEFAULT
    });
    let batch = |n: usize| format!("[{}]", vec![KINDS; n].join(","));
    let answer: Value = serde_json::from_str(&e.request(&batch(3))).unwrap();
    assert_eq!(answer.as_array().map(Vec::len), Some(3));
    assert_eq!(code(&e, &batch(4)), "request.too_many_items");
}

#[test]
fn events_and_items_at_and_past_their_limits() {
    let e = engine(Limits {
        max_events: 2,
        max_items: 3,
        ..Limits::DEFAULT
    });
    let created = r#"{"type":"created","at":"2025-03-03T09:00:00+08:00"}"#;
    let ack = r#"{"type":"acknowledged","at":"2025-03-03T09:10:00+08:00"}"#;
    let ticket =
        |id: &str, events: &[&str]| format!(r#"{{"id":"{id}","kind":"complaint","events":[{}]}}"#, events.join(","));
    let evaluate = |events: &[&str]| {
        format!(
            r#"{{"op":"sla.evaluate","now":"2025-03-03T12:00:00+08:00","ticket":{}}}"#,
            ticket("T", events)
        )
    };
    assert_eq!(code(&e, &evaluate(&[created, ack])), "ok");
    assert_eq!(code(&e, &evaluate(&[created, ack, ack])), "request.too_many_items");
    let tickets = |n: usize| {
        let all: Vec<String> = (0..n).map(|i| ticket(&format!("T{i}"), &[created])).collect();
        format!(
            r#"{{"op":"sla.batch","now":"2025-03-03T12:00:00+08:00","tickets":[{}]}}"#,
            all.join(",")
        )
    };
    assert_eq!(code(&e, &tickets(3)), "ok");
    let answer: Value = serde_json::from_str(&e.request(&tickets(4))).unwrap();
    assert_eq!(answer["error"]["code"], "request.too_many_items");
    assert_eq!(answer["error"]["path"], "tickets");
}
