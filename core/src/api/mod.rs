//! The request protocol v1 (docs/protocol.md): `{"op": "...", ...}` → `{"ok": ...}` | `{"error": {...}}`.
//!
//! Every binding passes this through untouched, so C, JS and Rust callers get byte-identical answers.

mod calendar;
#[cfg(not(feature = "slim"))]
mod canonical;
mod custody;
mod exchange;
mod fees;
mod org;
mod sla;
#[cfg(not(feature = "slim"))]
mod text;
mod workflow;

use serde_json::{json, Map, Value};

use crate::error::Problem;
use crate::{limits, Engine};
use exchange::{Exchange, ValueExchange};

/// Answers JSON text: one request object, or an array of them (a batch, answered in order).
///
/// The engine's [`crate::Limits`] are checked first: size and nesting depth on the text, before it is parsed.
/// One request object is then read straight from the text into its op's typed arguments (the fast path,
/// `api/text.rs`); whatever that path does not answer exactly as the canonical one would goes through a `Value`.
pub fn handle_text(engine: &Engine, text: &str) -> String {
    let longest_array = match limits::check_text(&engine.limits, text) {
        Ok(longest) => longest,
        Err(p) => return envelope(None, Err(p)).to_string(),
    };
    #[cfg(not(feature = "slim"))]
    {
        let fast = match text.trim_start().starts_with('[') {
            true => text::batch(engine, text, longest_array),
            false => text::answer(engine, text, longest_array),
        };
        if let Some(answer) = fast {
            return answer;
        }
    }
    let _ = longest_array; // read by the fast path only
    canonical_text(engine, text)
}

/// One element of a batch through a parsed `Value`, as [`canonical_text`] answers it inside the batch.
#[cfg(not(feature = "slim"))]
fn canonical_element(engine: &Engine, text: &str) -> Option<String> {
    let request = serde_json::from_str::<Value>(text).ok()?;
    serde_json::to_string(&handle_one(engine, request, 2)).ok()
}

/// [`handle_text`] without the fast path.
pub fn handle_text_canonical(engine: &Engine, text: &str) -> String {
    match limits::check_text(&engine.limits, text) {
        Ok(_) => canonical_text(engine, text),
        Err(p) => envelope(None, Err(p)).to_string(),
    }
}

/// Answers request text through a parsed `Value`: every refusal located, every answer canonicalized.
fn canonical_text(engine: &Engine, text: &str) -> String {
    let response = match serde_json::from_str::<Value>(text) {
        Ok(request) => handle_owned(engine, request),
        Err(e) if e.to_string().starts_with("recursion limit exceeded") => {
            envelope(None, Err(Problem::new("request.too_deep", e.to_string())))
        }
        Err(e) => envelope(None, Err(Problem::new("request.malformed_json", e.to_string()))),
    };
    // Through a byte buffer rather than `Display`'s formatter: the same text, a third of the cost.
    serde_json::to_string(&response)
        .unwrap_or_else(|e| envelope(None, Err(Problem::new("internal.serialize", e.to_string()))).to_string())
}

/// Answers one request value, or each element of an array of them.
///
/// A batch longer than `max_batch` is refused as a whole; every other limit is checked per request.
pub fn handle_value(engine: &Engine, request: &Value) -> Value {
    handle_owned(engine, request.clone())
}

/// Answers a request the caller no longer needs: its members become the op's arguments without a copy.
fn handle_owned(engine: &Engine, request: Value) -> Value {
    match request {
        Value::Array(batch) => match limits::check_batch(&engine.limits, &batch) {
            Ok(()) => Value::Array(batch.into_iter().map(|r| handle_one(engine, r, 2)).collect()),
            Err(p) => envelope(None, Err(p)),
        },
        one => handle_one(engine, one, 1),
    }
}

fn handle_one(engine: &Engine, request: Value, depth: usize) -> Value {
    if let Err(p) = limits::check_value(&engine.limits, &request, depth) {
        let id = request
            .get("id")
            .filter(|id| !(id.is_array() || id.is_object()))
            .cloned();
        return envelope(id, Err(p));
    }
    let Value::Object(mut obj) = request else {
        return envelope(
            None,
            Err(Problem::new(
                "request.not_object",
                "a request is a JSON object with an `op`",
            )),
        );
    };
    let id = obj.remove("id");
    envelope(id, answer(engine, obj))
}

fn answer(engine: &Engine, mut args: Map<String, Value>) -> Result<Value, Problem> {
    let op = match args.remove("op") {
        Some(Value::String(op)) => op,
        Some(_) => return Err(Problem::new("request.invalid_value", "`op` must be a string").at("op")),
        None => return Err(Problem::new("request.missing_field", "a request needs an `op`").at("op")),
    };
    dispatch(engine, &op, &mut ValueExchange(&Value::Object(args)))
}

/// Runs `op` on the arguments `x` reads, by the area named before the dot.
fn dispatch<X: Exchange>(engine: &Engine, op: &str, x: &mut X) -> Result<X::Answer, Problem> {
    match op.split_once('.').map(|(area, _)| area) {
        Some("calendar") => calendar::handle(engine, op, x),
        Some("fees") => fees::handle(engine, op, x),
        Some("workflow") => workflow::handle(engine, op, x),
        Some("custody") => custody::handle(engine, op, x),
        Some("sla") => sla::handle(engine, op, x),
        Some("org") => org::handle(engine, op, x),
        _ => Err(unknown_op(op)),
    }
}

/// The arguments of an op that takes none (any member but `op` and `id` is an unknown field).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Empty {}

/// The error for an op no area knows.
pub(crate) fn unknown_op(op: &str) -> Problem {
    Problem::new("request.unknown_op", format!("unknown op `{op}`; see docs/protocol.md")).at("op")
}

fn envelope(id: Option<Value>, result: Result<Value, Problem>) -> Value {
    let mut out = match result {
        Ok(v) => json!({ "ok": v }),
        Err(p) => json!({ "error": p }),
    };
    if let (Some(id), Some(obj)) = (id, out.as_object_mut()) {
        obj.insert("id".into(), id);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::with_default_handbook().unwrap()
    }

    #[test]
    fn malformed_and_unknown_requests_are_errors_not_panics() {
        let e = engine();
        let r: Value = serde_json::from_str(&e.request("{nope")).unwrap();
        assert_eq!(r["error"]["code"], "request.malformed_json");
        let r: Value = serde_json::from_str(&e.request("42")).unwrap();
        assert_eq!(r["error"]["code"], "request.not_object");
        let r: Value = serde_json::from_str(&e.request(r#"{"op":"nope.nothing","id":7}"#)).unwrap();
        assert_eq!(r["error"]["code"], "request.unknown_op");
        assert_eq!(r["id"], 7);
        let r: Value = serde_json::from_str(&e.request(r#"{"id":"x"}"#)).unwrap();
        assert_eq!(r["error"]["code"], "request.missing_field");
    }

    #[test]
    fn a_batch_is_answered_in_order() {
        let e = engine();
        let r: Value = serde_json::from_str(&e.request(r#"[{"op":"a.b","id":1}, 5, {"op":"c.d","id":3}]"#)).unwrap();
        let ids: Vec<_> = r.as_array().unwrap().iter().map(|x| x.get("id").cloned()).collect();
        assert_eq!(ids, [Some(json!(1)), None, Some(json!(3))]);
    }

    /// The shared vectors and bad inputs, compiled in (the core's tests read no files; list a new file here too).
    #[cfg(not(feature = "slim"))]
    const VECTORS: [&str; 7] = [
        include_str!("../../../tests/vectors/calendar.jsonl"),
        include_str!("../../../tests/vectors/custody.jsonl"),
        include_str!("../../../tests/vectors/fees.jsonl"),
        include_str!("../../../tests/vectors/org.jsonl"),
        include_str!("../../../tests/vectors/protocol.jsonl"),
        include_str!("../../../tests/vectors/sla.jsonl"),
        include_str!("../../../tests/vectors/workflow.jsonl"),
    ];
    #[cfg(not(feature = "slim"))]
    const BAD_INPUTS: [&str; 9] = [
        include_str!("../../../tests/bad-inputs/events.jsonl"),
        include_str!("../../../tests/bad-inputs/fees.jsonl"),
        include_str!("../../../tests/bad-inputs/json.jsonl"),
        include_str!("../../../tests/bad-inputs/limits.jsonl"),
        include_str!("../../../tests/bad-inputs/numbers.jsonl"),
        include_str!("../../../tests/bad-inputs/time.jsonl"),
        include_str!("../../../tests/bad-inputs/types.jsonl"),
        include_str!("../../../tests/bad-inputs/unknown.jsonl"),
        include_str!("../../../tests/bad-inputs/workflow.jsonl"),
    ];

    /// The request lines of vector files (`# what`, request, response).
    #[cfg(not(feature = "slim"))]
    fn request_lines(files: &[&str]) -> Vec<String> {
        let mut requests = Vec::new();
        for text in files {
            let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            for chunk in lines.chunks(3) {
                requests.push(chunk[1].to_string());
            }
        }
        requests
    }

    #[cfg(not(feature = "slim"))]
    /// Each request as sent, and, if it has none, with an `id` (of every JSON kind) before and after its members.
    fn variants(request: &str) -> Vec<String> {
        let mut out = vec![request.to_string()];
        let has_id = serde_json::from_str::<Value>(request).is_ok_and(|v| v.get("id").is_some());
        if let Some(body) = request
            .trim()
            .strip_prefix('{')
            .filter(|b| b.trim_start() != "}" && !has_id)
        {
            for id in ["7", "null", "\"a\\u0041\"", "{\"b\":1,\"a\":[2.50]}"] {
                out.push(format!("{{\"id\":{id},{body}"));
                out.push(format!("{}, \"id\": {id}}}", request.trim().trim_end_matches('}')));
            }
        }
        out
    }

    #[cfg(not(feature = "slim"))]
    #[test]
    fn the_fast_path_answers_exactly_as_the_canonical_one_and_answers_every_valid_vector() {
        let e = engine();
        let (mut fast, mut slow) = (0, Vec::new());
        for (dir, files) in [("vectors", &VECTORS[..]), ("bad-inputs", &BAD_INPUTS[..])] {
            for request in request_lines(files) {
                for text in variants(&request) {
                    let canonical = canonical_text(&e, &text);
                    let longest = limits::check_text(&e.limits, &text).unwrap_or(usize::MAX);
                    match text::answer(&e, &text, longest) {
                        Some(answer) => {
                            assert_eq!(answer, canonical, "{text}");
                            fast += 1;
                        }
                        None if dir == "bad-inputs" || text.starts_with('[') || canonical.contains("\"error\":") => {}
                        None => slow.push(text),
                    }
                }
            }
        }
        assert!(
            slow.is_empty(),
            "valid vectors took the canonical path:\n{}",
            slow.join("\n")
        );
        assert!(fast > 500, "only {fast} requests took the fast path");
    }

    #[cfg(not(feature = "slim"))]
    #[test]
    fn members_in_awkward_places_are_answered_as_the_canonical_path_answers_them() {
        let e = engine();
        let awkward = [
            r#"{"op":"org.role","role":"supervisor","op":"org.escalate"}"#,
            r#"{"op":"org.role","id":1,"role":"supervisor","id":2}"#,
            r#"{"op":"org.role","id":1,"role":"supervisor"}"#,
            r#"{"role":"supervisor","id":[1,{"b":2,"a":1}],"op":"org.role"}"#,
            r#"{"op":"org.\u0072ole","role":"supervisor"}"#,
            " {\t\"op\" : \"org.role\" ,\n \"role\":\"supervisor\"} ",
            r#"{"op":"nope.x","id":3}"#,
            r#"{"op":"workflow.list","extra":1}"#,
            r#"{"op":"workflow.list","id":"w"}"#,
            r#"{"op":"org.role","role":"supervisor"} x"#,
            // Found by fuzzing: serde reads a struct from an array too, so `["org.role"]` had an op.
            r#"["org.role", null]"#,
            "[[\n\"2026-01-01\"\n]]",
        ];
        for text in awkward {
            assert_eq!(e.request(text), e.request_canonical(text), "{text}");
        }
    }

    #[cfg(not(feature = "slim"))]
    #[test]
    fn a_batch_is_answered_by_the_fast_path_exactly_as_by_the_canonical_one() {
        let e = engine();
        let mut requests = request_lines(&VECTORS);
        requests.extend(request_lines(&BAD_INPUTS).into_iter().filter(|r| r.len() < 10_000));
        let mut batches: Vec<String> = requests.chunks(40).map(|c| format!("[{}]", c.join(","))).collect();
        batches.push(r#" [ 5 , [] , {"op":"sla.kinds","id":[1]} , "x" ] "#.into());
        batches.push(format!("[{}]", vec![r#"{"op":"sla.kinds"}"#; 1001].join(",")));
        batches.push("[]".into());
        // One element past the events limit: the batch's bound is too, so each element is measured alone.
        let events = vec![r#"{"type":"acknowledged","at":"2025-03-03T09:00:00+08:00"}"#; 1001].join(",");
        let long = format!(
            r#"{{"op":"sla.evaluate","now":"2025-03-03T12:00:00+08:00","ticket":{{"id":"x","kind":"complaint","events":[{events}]}}}}"#
        );
        batches.push(format!(r#"[{long},{{"op":"sla.kinds"}}]"#));
        for text in &batches {
            let longest = limits::check_text(&e.limits, text).unwrap_or(usize::MAX);
            let fast = text::batch(&e, text, longest);
            if let Some(fast) = &fast {
                assert_eq!(*fast, canonical_text(&e, text), "{text}");
            }
            // Only a batch the canonical path refuses as a whole takes it.
            assert_eq!(fast.is_none(), canonical_text(&e, text).starts_with('{'), "{text}");
        }
    }
}
