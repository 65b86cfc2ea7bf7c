//! Scenario files (the rule authors' test format): any bytes give a report — passed, failed or malformed — never a
//! panic. The runner is shared, as `wuye test` shares it across files; handbooks other than the default are not
//! read from disk here (`NO_FILES`).
#![no_main]

use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use wuye::scenario::{Runner, NO_FILES};

fn runner() -> &'static Mutex<Runner> {
    static RUNNER: OnceLock<Mutex<Runner>> = OnceLock::new();
    RUNNER.get_or_init(|| Mutex::new(Runner::default()))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(mut runner) = runner().lock() else { return };
    let report = runner.run_text(text, &NO_FILES);
    // A malformed file is a failed report; a report that passed has no failures.
    assert!(report.malformed.is_none() || !report.passed());
    assert!(!report.passed() || report.failures.is_empty());
});
