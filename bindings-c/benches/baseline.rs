//! The Rust figures beside the C benchmark (scripts/bench-c.sh): the same calendar question on the same 1,024
//! starts, timed the same way (median of 7 runs), through the typed core API (calendar looked up by id, then
//! `Calendar::add`) and through `Engine::request`.
//!
//! Prints `result <name> <ns per call>` lines. Plain timing rather than divan so both languages share one method.

use std::hint::black_box;
use std::time::Instant as Clock;

use wuye::calendar::Span;
use wuye::{Engine, Instant, Offset};

const BATCH: usize = 1024;
const RUNS: usize = 7;

fn main() {
    let engine = Engine::with_default_handbook().expect("default handbook");
    let span = Span::BusinessHours(8);
    // 2025-01-06T09:00:00+08:00 plus i*7919 minutes, wrapped at 300 days: the inputs of bench/bench.c.
    let starts: Vec<Instant> = (0..BATCH as i64)
        .map(|i| Instant(1_736_125_200 + (i * 7919 % (300 * 1440)) * 60))
        .collect();
    let requests: Vec<String> = starts
        .iter()
        .map(|t| {
            format!(
                r#"{{"op":"calendar.add","calendar":"office","from":"{}","add":{{"business_hours":8}}}}"#,
                t.format(Offset::CHINA)
            )
        })
        .collect();
    for r in &requests {
        assert!(engine.request(r).starts_with(r#"{"ok":"#), "{r}");
    }

    let typed = |reps: usize| {
        let t0 = Clock::now();
        for _ in 0..reps {
            for t in &starts {
                // The calendar is looked up by id on every call, as `wuye_calendar_add` does.
                if let Ok(s) = engine
                    .calendars()
                    .get(black_box("office"))
                    .and_then(|c| c.add(black_box(*t), &span))
                {
                    black_box(s.at);
                }
            }
        }
        t0.elapsed().as_nanos() as f64 / (reps * BATCH) as f64
    };
    let json = |reps: usize| {
        let t0 = Clock::now();
        for _ in 0..reps {
            for r in &requests {
                black_box(engine.request(black_box(r)));
            }
        }
        t0.elapsed().as_nanos() as f64 / (reps * BATCH) as f64
    };
    typed(20);
    json(2);
    let (mut t, mut j): (Vec<f64>, Vec<f64>) = (0..RUNS).map(|_| (typed(100), json(5))).unzip();
    println!("result rust_typed_add {:.1}", median(&mut t));
    println!("result rust_json_add {:.1}", median(&mut j));
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}
