//! The request protocol on the default engine: any bytes (one request or a batch) give one JSON answer, the same
//! through the fast text path as through the canonical `Value` path.
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
    let answer = engine().request(&text);
    let parsed: Value = serde_json::from_str(&answer).expect("the answer is JSON");
    assert!(parsed.is_object() || parsed.is_array(), "an answer is an envelope or a batch of them");
    // The same request is answered with the same bytes, and the fast text path answers as the canonical one.
    assert_eq!(engine().request(&text), answer, "deterministic");
    assert_eq!(engine().request_canonical(&text), answer, "the fast path differs from the canonical one");
});
