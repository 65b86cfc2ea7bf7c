//! The request protocol v1 (docs/protocol.md): `{"op": "...", ...}` → `{"ok": ...}` | `{"error": {...}}`.
//!
//! Every binding passes this through untouched, so C, JS and Rust callers get byte-identical answers.

mod calendar;
mod custody;
mod fees;
mod org;
mod sla;
mod workflow;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::error::{from_value, Area, Problem};
use crate::{limits, Engine};

/// Answers JSON text: one request object, or an array of them (a batch, answered in order).
///
/// The engine's [`crate::Limits`] are checked first: size and nesting depth on the text, before it is parsed.
pub fn handle_text(engine: &Engine, text: &str) -> String {
    if let Err(p) = limits::check_text(&engine.limits, text) {
        return envelope(None, Err(p)).to_string();
    }
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
    let op = op.as_str();
    let args = Value::Object(args);
    match op.split_once('.').map(|(area, _)| area) {
        Some("calendar") => calendar::handle(engine, op, &args),
        Some("fees") => fees::handle(engine, op, &args),
        Some("workflow") => workflow::handle(engine, op, &args),
        Some("custody") => custody::handle(engine, op, &args),
        Some("sla") => sla::handle(engine, op, &args),
        Some("org") => org::handle(engine, op, &args),
        _ => Err(unknown_op(op)),
    }
}

/// The error for an op no area knows.
pub(crate) fn unknown_op(op: &str) -> Problem {
    Problem::new("request.unknown_op", format!("unknown op `{op}`; see docs/protocol.md")).at("op")
}

/// Reads an op's arguments into its typed request, with a located error on failure.
pub(crate) fn args<T: DeserializeOwned>(args: &Value) -> Result<T, Problem> {
    from_value(args, Area::Request)
}

/// Serializes an op's typed answer.
pub(crate) fn ok<T: Serialize>(value: &T) -> Result<Value, Problem> {
    serde_json::to_value(value).map_err(|e| Problem::new("internal.serialize", e.to_string()))
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
}
