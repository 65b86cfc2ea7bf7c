//! Batches: the input's lines become one batch; each answer matches the single answer to its line.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn engine() -> &'static wuye::Engine {
    static ENGINE: OnceLock<wuye::Engine> = OnceLock::new();
    ENGINE.get_or_init(|| wuye::Engine::with_default_handbook().expect("default handbook compiles"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Only lines that are JSON objects take part, so the batch itself is well-formed.
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| serde_json::from_str::<Value>(l).is_ok_and(|v| v.is_object()))
        .take(16)
        .collect();
    if lines.is_empty() {
        return;
    }
    let batch = format!("[{}]", lines.join(","));
    let text = engine().request(&batch);
    assert_eq!(engine().request_canonical(&batch), text, "the fast path differs from the canonical one");
    let answer: Value = serde_json::from_str(&text).expect("the answer is JSON");
    let Some(answers) = answer.as_array() else {
        // Only a limit (too deep, too large) refuses a batch as a whole.
        let code = answer["error"]["code"].as_str().unwrap_or_default();
        assert!(code.starts_with("request.too_"), "batch refused with {code}");
        return;
    };
    assert_eq!(answers.len(), lines.len(), "one answer per request");
    for (line, one) in lines.iter().zip(answers) {
        let single: Value = serde_json::from_str(&engine().request(line)).expect("the answer is JSON");
        if single["error"]["code"] == "request.too_deep" || one["error"]["code"] == "request.too_deep" {
            continue; // one level deeper inside a batch can cross the depth limit
        }
        assert_eq!(&single, one, "a batch answers each request as if alone");
    }
});
