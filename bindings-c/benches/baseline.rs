//! The Rust figures beside the C benchmark (scripts/bench-c.sh): the same questions on the same 1,024 inputs,
//! timed the same way (median of 7 runs), through the typed core API and through `Engine::request`. The typed
//! figures do the work the C typed calls do: the calendar is looked up by id; the fee quote parses its text
//! inputs (use id, area, dates) before `fees::Section::quote`.
//!
//! Prints `result <name> <ns per call>` lines. Plain timing rather than divan so both languages share one method.

use std::hint::black_box;
use std::time::Instant as Clock;

use wuye::calendar::Span;
use wuye::fees::{Areas, Occupancy, Period, QuoteInput};
use wuye::money::Decimal;
use wuye::time::parse_date;
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
    fee_quotes(&engine);
}

/// The fee inputs of bench/bench.c: unit i has use i%4, area (20 + i*37 % 200).(i%100), and is billed from day
/// 1 + i%28 of month 1 + i%12 of 2025 to that month's 28th, prepaid when i%5 == 0.
fn fee_quotes(engine: &Engine) {
    const USES: [&str; 4] = ["residential", "shop", "office", "parking"];
    struct Unit {
        use_: &'static str,
        area: String,
        from: String,
        to: String,
        prepaid: bool,
    }
    let units: Vec<Unit> = (0..BATCH)
        .map(|i| Unit {
            use_: USES[i % 4],
            area: format!("{}.{:02}", 20 + i * 37 % 200, i % 100),
            from: format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            to: format!("2025-{:02}-28", 1 + i % 12),
            prepaid: i % 5 == 0,
        })
        .collect();
    let requests: Vec<String> = units
        .iter()
        .map(|u| {
            format!(
                r#"{{"op":"fees.quote","unit":{{"use":"{}","areas":{{"building":"{}"}}}},"period":{{"from":"{}","to":"{}"}},"prepaid":{}}}"#,
                u.use_, u.area, u.from, u.to, u.prepaid
            )
        })
        .collect();
    let fees = engine.fees();
    let quote = |u: &Unit| -> Option<i64> {
        let period = Period::new(parse_date(&u.from).ok()?, parse_date(&u.to).ok()?).ok()?;
        let input = QuoteInput {
            use_id: fees.use_id(u.use_)?,
            areas: Areas::building(Decimal::parse(&u.area).ok()?),
            occupancy: Occupancy::Occupied,
            period,
            prepaid: u.prepaid,
            readings: &[],
            shares: &[],
            debts: &[],
            as_of: period.to(),
        };
        fees.quote(&input).ok().map(|q| q.total.fen())
    };
    for (u, r) in units.iter().zip(&requests) {
        assert!(quote(u).is_some() && engine.request(r).starts_with(r#"{"ok":"#), "{r}");
    }
    let typed = |reps: usize| {
        let t0 = Clock::now();
        for _ in 0..reps {
            for u in &units {
                black_box(quote(black_box(u)));
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
    let (mut t, mut j): (Vec<f64>, Vec<f64>) = (0..RUNS).map(|_| (typed(50), json(5))).unzip();
    println!("result rust_typed_quote {:.1}", median(&mut t));
    println!("result rust_json_quote {:.1}", median(&mut j));
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}
