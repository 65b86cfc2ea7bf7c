//! Handbook parsing and compilation: any bytes give an engine or a list of located problems, never a panic.
//! A handbook that compiles is then asked a few questions, so compiled rules are exercised too.
#![no_main]

use libfuzzer_sys::fuzz_target;

const PROBES: &[&str] = &[
    r#"{"op":"sla.kinds"}"#,
    r#"{"op":"calendar.add","calendar":"office","from":"2025-01-27T10:00:00+08:00","add":{"working_days":3}}"#,
    r#"{"op":"calendar.days","calendar":"office","from":"2025-01-25","to":"2025-02-10"}"#,
    r#"{"op":"sla.evaluate","now":"2025-03-03T12:00:00+08:00","ticket":{"id":"T","kind":"complaint","events":[{"type":"created","at":"2025-03-03T09:00:00+08:00"}]}}"#,
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match wuye::Engine::from_json(text) {
        Ok(engine) => {
            for probe in PROBES {
                let answer = engine.request(probe);
                assert!(serde_json::from_str::<serde_json::Value>(&answer).is_ok(), "answer is JSON");
            }
        }
        Err(errors) => assert!(!errors.0.is_empty(), "a refused handbook says why"),
    }
});
