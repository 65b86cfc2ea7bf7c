//! The Rust side of the binding, natively: handbook compilation and its error JSON.

use serde_json::Value;
use wuye_wasm::{compile, default_handbook};

fn parse_error(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn default_handbook_compiles_and_answers() {
    let engine = compile(None).unwrap();
    assert!(engine.request(r#"{"op":"nope.x"}"#).contains("request.unknown_op"));
}

#[test]
fn default_handbook_text_round_trips() {
    let text = default_handbook();
    let engine = compile(Some(&text)).unwrap();
    assert_eq!(engine.name().1, "2026.1");
}

#[test]
fn handbook_errors_become_one_json_value_with_every_problem() {
    let err = compile(Some("{\"format\": ")).err().unwrap();
    let v = parse_error(&err);
    assert_eq!(v["error"]["code"], "handbook.malformed_json");
    assert_eq!(v["problems"].as_array().unwrap().len(), 1);
    let err = compile(Some("[]")).err().unwrap();
    let v = parse_error(&err);
    assert_eq!(v["error"]["code"], "handbook.not_object");
    assert_eq!(v["error"]["path"], ".");
}
