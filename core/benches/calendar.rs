//! Benchmarks of the calendar (divan): `cargo bench -p wuye --bench calendar`.
//!
//! Each benchmark runs a batch of 1,024 varied inputs through the typed API with chrono conversion included
//! (chrono values in, chrono values out), so figures are per operation as a Rust host would call it.

use chrono::{DateTime, FixedOffset, NaiveDate};
use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use wuye::calendar::Span;
use wuye::time::date_to_day;
use wuye::{Engine, Instant};

const BATCH: usize = 1024;

fn main() {
    divan::main();
}

fn engine() -> Engine {
    Engine::with_default_handbook().expect("default handbook")
}

/// Dates spread over 2025–2026.
fn dates() -> Vec<NaiveDate> {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
    (0..BATCH)
        .map(|i| start + chrono::Duration::days((i * 7 % 700) as i64))
        .collect()
}

/// Instants spread over 2025 and early 2026, at varied times of day.
fn instants(from: &str) -> Vec<DateTime<FixedOffset>> {
    let base = DateTime::parse_from_rfc3339(from).expect("instant");
    (0..BATCH)
        .map(|i| base + chrono::Duration::minutes((i as i64 * 7919) % (300 * 1440)))
        .collect()
}

#[divan::bench]
fn is_working_day(b: Bencher) {
    let e = engine();
    let office = e.calendars().get("office").expect("office");
    let days = dates();
    b.counter(ItemsCount::new(BATCH)).bench_local(|| {
        for d in black_box(&days) {
            black_box(office.is_working_day(date_to_day(*d)).unwrap_or(false));
        }
    });
}

fn bench_add(b: Bencher, from: &str, span: Span) {
    let e = engine();
    let office = e.calendars().get("office").expect("office");
    let starts = instants(from);
    b.counter(ItemsCount::new(BATCH)).bench_local(|| {
        for t in black_box(&starts) {
            if let Ok(s) = office.add(Instant::from(*t), &span) {
                black_box(office.to_datetime(s.at));
            }
        }
    });
}

#[divan::bench]
fn add_3_working_days(b: Bencher) {
    bench_add(b, "2025-01-02T10:00:00+08:00", Span::WorkingDays(3));
}

#[divan::bench]
fn add_24_business_hours_two_windows(b: Bencher) {
    bench_add(b, "2025-01-02T10:00:00+08:00", Span::BusinessHours(24));
}

#[divan::bench]
fn add_40_business_hours_across_2026_spring_festival(b: Bencher) {
    let e = engine();
    let office = e.calendars().get("office").expect("office");
    // Starts in the fortnight before the holiday, so every add crosses it.
    let base = DateTime::parse_from_rfc3339("2026-02-02T08:00:00+08:00").expect("instant");
    let starts: Vec<_> = (0..BATCH)
        .map(|i| base + chrono::Duration::minutes((i as i64 * 37) % (11 * 1440)))
        .collect();
    b.counter(ItemsCount::new(BATCH)).bench_local(|| {
        for t in black_box(&starts) {
            if let Ok(s) = office.add(Instant::from(*t), &Span::BusinessHours(40)) {
                black_box(office.to_datetime(s.at));
            }
        }
    });
}

/// An SLA clock with two pauses: 24 business hours from each start, stopped 1 h after it for 2 h and 5 h after
/// it until the next day (the peer bench's workload).
#[divan::bench]
fn add_24_business_hours_two_pauses(b: Bencher) {
    let e = engine();
    let office = e.calendars().get("office").expect("office");
    let minutes = |t: DateTime<FixedOffset>, n: i64| t + chrono::Duration::minutes(n);
    let inputs: Vec<_> = instants("2025-01-02T10:00:00+08:00")
        .into_iter()
        .map(|t| {
            (
                t,
                [(minutes(t, 60), minutes(t, 180)), (minutes(t, 300), minutes(t, 1500))],
            )
        })
        .collect();
    b.counter(ItemsCount::new(BATCH)).bench_local(|| {
        for (t, ps) in black_box(&inputs) {
            let pauses = ps.map(|(p, r)| (Instant::from(p), Instant::from(r)));
            if let Ok(s) = office.add_business_seconds_paused(Instant::from(*t), 24 * 3600, &pauses) {
                black_box(office.to_datetime(s.at));
            }
        }
    });
}

#[divan::bench]
fn protocol_calendar_add(b: Bencher) {
    let e = engine();
    let requests: Vec<String> = instants("2025-01-02T10:00:00+08:00")
        .iter()
        .map(|t| {
            format!(
                r#"{{"op":"calendar.add","calendar":"office","from":"{}","add":{{"business_hours":24}}}}"#,
                t.to_rfc3339()
            )
        })
        .collect();
    b.counter(ItemsCount::new(BATCH)).bench_local(|| {
        for r in black_box(&requests) {
            black_box(e.request(r));
        }
    });
}
