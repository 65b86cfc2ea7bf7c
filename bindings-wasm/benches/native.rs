//! The native half of scripts/bench-wasm.sh: the protocol requests of `bench/requests.json`, answered by the core
//! in-process, one at a time and as batches of 1000. Prints one JSON line per measurement (median of 5 rounds).

use std::hint::black_box;
use std::time::{Duration, Instant};

const BATCH: usize = 1000;
const ROUNDS: usize = 5;
const ROUND: Duration = Duration::from_millis(300);

/// Calls per second of `f` (which performs `per_call` operations), the median of `ROUNDS` rounds.
fn median_ops(per_call: usize, mut f: impl FnMut()) -> f64 {
    // Round 0 warms caches up and is not counted.
    let mut rates: Vec<f64> = (0..=ROUNDS)
        .map(|_| {
            let start = Instant::now();
            let mut calls = 0usize;
            while start.elapsed() < ROUND {
                f();
                calls += 1;
            }
            (calls * per_call) as f64 / start.elapsed().as_secs_f64()
        })
        .skip(1)
        .collect();
    rates.sort_by(f64::total_cmp);
    rates[ROUNDS / 2]
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/requests.json");
    let text = std::fs::read_to_string(path).expect("bench/requests.json");
    let cases: Vec<serde_json::Value> = serde_json::from_str(&text).expect("valid JSON");
    let engine = wuye::Engine::with_default_handbook().expect("default handbook");
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        let request = case["request"].to_string();
        if engine.request(&request).contains("\"request.unknown_op\"") {
            println!(
                "{}",
                serde_json::json!({"side": "native", "case": name, "missing": true})
            );
            continue;
        }
        let single = median_ops(1, || {
            black_box(engine.request(black_box(&request)));
        });
        let batch_text = format!("[{}]", vec![request.as_str(); BATCH].join(","));
        let batch = median_ops(BATCH, || {
            black_box(engine.request(black_box(&batch_text)));
        });
        for (mode, ops) in [("single", single), ("batch", batch)] {
            println!(
                "{}",
                serde_json::json!({"side": "native", "case": name, "mode": mode, "ops": ops.round()})
            );
        }
    }
}
