//! Calendar workloads: is-working-day, add 3 working days, add 24 business hours on the two-window office day,
//! the same with two pauses, and `calendar.add` through the JSON protocol — against chinese_holiday, bdays and
//! workdays, and against a brute-force day loop as the exact reference.

use std::collections::{HashMap, HashSet};

use bdays::HolidayCalendar as _;
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, Timelike};
use wuye::calendar::{Calendar, DayKind, Span};
use wuye::time::date_to_day;
use wuye::{Engine, Instant};

use crate::harness::{compare, Contender};
use crate::table::{Differ, PeerResult, Row};
use crate::Settings;

const BATCH: usize = 1024;

/// The default office calendar's windows (08:30–12:00, 13:30–17:30), checked against the handbook at setup.
const WINDOWS: [(u32, u32); 2] = [(8 * 3600 + 1800, 12 * 3600), (13 * 3600 + 1800, 17 * 3600 + 1800)];

/// The office calendar's days as data, read once from wuye's table (not from its arithmetic).
pub struct Days {
    kinds: HashMap<NaiveDate, DayKind>,
}

impl Days {
    fn new(office: &Calendar) -> Days {
        let mut kinds = HashMap::new();
        let mut d = date(2025, 1, 1);
        while d <= date(2026, 12, 31) {
            let info = office.day(date_to_day(d)).expect("covered day");
            if info.working {
                assert_eq!(info.windows, ["08:30-12:00", "13:30-17:30"], "office windows changed");
            }
            kinds.insert(d, info.kind);
            d = d.succ_opt().expect("date");
        }
        Days { kinds }
    }

    fn kind(&self, d: NaiveDate) -> DayKind {
        self.kinds[&d]
    }

    fn working(&self, d: NaiveDate) -> bool {
        matches!(self.kind(d), DayKind::Workday | DayKind::MakeupWorkday)
    }

    /// Statutory holidays and rest days moved by 调休: what a holiday list without make-up days holds.
    fn days_off(&self) -> Vec<NaiveDate> {
        let mut v: Vec<NaiveDate> = self
            .kinds
            .iter()
            .filter(|(_, k)| matches!(k, DayKind::StatutoryHoliday | DayKind::RestDay))
            .map(|(d, _)| *d)
            .collect();
        v.sort();
        v
    }

    fn makeup_between(&self, a: NaiveDate, b: NaiveDate) -> bool {
        let (a, b) = (a.min(b), a.max(b));
        a.iter_days()
            .take_while(|d| *d <= b)
            .any(|d| self.kind(d) == DayKind::MakeupWorkday)
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Dates spread over 2025–2026, every weekday, holidays and make-up days included.
fn dates() -> Vec<NaiveDate> {
    (0..BATCH)
        .map(|i| date(2025, 1, 1) + Duration::days((i * 37 % 720) as i64))
        .collect()
}

/// Instants spread over 2025 and 2026 (to mid-November, so every answer stays inside the data), at every minute
/// of the day.
fn instants() -> Vec<DateTime<FixedOffset>> {
    let base = DateTime::parse_from_rfc3339("2025-01-01T00:00:00+08:00").expect("instant");
    (0..BATCH)
        .map(|i| base + Duration::minutes((i as i64 * 7919) % (680 * 1440)))
        .collect()
}

// ---------------------------------------------------------------- brute-force reference and hand-rolled peers

/// Adds `secs` (> 0) of working time inside [`WINDOWS`] on days `working` says, one day at a time; a deadline on
/// a window's end stays there.
fn add_business(start: NaiveDateTime, mut secs: u32, working: impl Fn(NaiveDate) -> bool) -> NaiveDateTime {
    let mut day = start.date();
    let mut sod = start.time().num_seconds_from_midnight();
    loop {
        if working(day) {
            for (s, e) in WINDOWS {
                let from = sod.max(s);
                if from < e {
                    let avail = e - from;
                    if secs <= avail {
                        return day.and_hms_opt(0, 0, 0).expect("midnight") + Duration::seconds(i64::from(from + secs));
                    }
                    secs -= avail;
                }
            }
        }
        day = day.succ_opt().expect("date");
        sod = 0;
    }
}

/// Working seconds in `[a, b)`, one day at a time.
fn business_between(a: NaiveDateTime, b: NaiveDateTime, working: impl Fn(NaiveDate) -> bool) -> u32 {
    let mut sum = 0;
    let mut day = a.date();
    while day <= b.date() {
        if working(day) {
            let lo = if day == a.date() {
                a.time().num_seconds_from_midnight()
            } else {
                0
            };
            let hi = if day == b.date() {
                b.time().num_seconds_from_midnight()
            } else {
                86_400
            };
            for (s, e) in WINDOWS {
                let (x, y) = (s.max(lo), e.min(hi));
                if x < y {
                    sum += y - x;
                }
            }
        }
        day = day.succ_opt().expect("date");
    }
    sum
}

/// Adds `secs` of working time, the clock stopped during `pauses` (wall-clock intervals after `start`).
fn add_business_paused(
    start: NaiveDateTime,
    secs: u32,
    pauses: &[(NaiveDateTime, NaiveDateTime)],
    working: impl Fn(NaiveDate) -> bool + Copy,
) -> NaiveDateTime {
    let mut from = start;
    let mut left = secs;
    for &(p, r) in pauses {
        let due = add_business(from, left, working);
        if due <= p {
            return due;
        }
        left -= business_between(from, p, working);
        from = r;
    }
    add_business(from, left, working)
}

/// `n` working days after `start` by wuye's convention, one day at a time: the same clock time on the n-th
/// working day after a working day; from a non-working day, the end (24:00) of the n-th working day.
fn add_working_days(start: NaiveDateTime, n: u32, working: impl Fn(NaiveDate) -> bool) -> NaiveDateTime {
    let mut day = start.date();
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().expect("date");
        if working(day) {
            left -= 1;
        }
    }
    if working(start.date()) {
        day.and_time(start.time())
    } else {
        day.succ_opt().expect("date").and_hms_opt(0, 0, 0).expect("midnight")
    }
}

/// The same clock time on the n-th working day after the start (what a caller writes on top of a day predicate).
fn add_days_keep_time(start: NaiveDateTime, n: u32, working: impl Fn(NaiveDate) -> bool) -> NaiveDateTime {
    let mut day = start.date();
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().expect("date");
        if working(day) {
            left -= 1;
        }
    }
    day.and_time(start.time())
}

fn ymd(d: NaiveDate) -> chinese_holiday::Ymd {
    chinese_holiday::Ymd::new(d.year() as u16, d.month() as u8, d.day() as u8)
}

fn ch_working(d: NaiveDate) -> bool {
    chinese_holiday::chinese_holiday(ymd(d)).is_workday()
}

/// A bdays holiday list: statutory holidays and 调休 rest days; weekends are always off in bdays.
struct ChinaOff(HashSet<NaiveDate>);

impl bdays::HolidayCalendar<NaiveDate> for ChinaOff {
    fn is_holiday(&self, d: NaiveDate) -> bool {
        self.0.contains(&d)
    }
}

fn bdays_cache(days: &Days) -> bdays::HolidayCalendarCache<NaiveDate> {
    let off = ChinaOff(days.days_off().into_iter().collect());
    bdays::HolidayCalendarCache::new(off, date(2024, 12, 1), date(2027, 2, 1))
}

fn workdays_calendar(days: &Days) -> workdays::WorkCalendar {
    let mut w = workdays::WorkCalendar::new();
    for d in days.days_off() {
        w.add_holiday(d);
    }
    w
}

fn workdays_working(w: &workdays::WorkCalendar, d: NaiveDate) -> bool {
    w.is_work_day(&d.weekday()) && !w.is_holiday(&d)
}

/// Why a peer's date-based answer differs from wuye's.
fn why_day(days: &Days, start: NaiveDate, end: NaiveDate) -> &'static str {
    if days.makeup_between(start, end) {
        "missing make-up day"
    } else if !days.working(start) {
        "start on a non-working day"
    } else {
        "other"
    }
}

fn count<T: PartialEq>(ours: &[T], theirs: &[T], reason: impl Fn(usize) -> &'static str) -> Differ {
    let mut d = Differ::default();
    for (i, (a, b)) in ours.iter().zip(theirs).enumerate() {
        d.note((a != b).then(|| reason(i)));
    }
    d
}

// ---------------------------------------------------------------- workloads

pub fn rows(engine: &Engine, s: &Settings) -> Vec<Row> {
    let office = engine.calendars().get("office").expect("office");
    let days = Days::new(office);
    let mut rows = Vec::new();
    if s.wants("is_working_day") {
        rows.push(is_working_day(office, &days, s));
    }
    if s.wants("add_3_working_days") {
        rows.push(add_3_working_days(office, &days, s));
    }
    if s.wants("add_24_business_hours") {
        rows.push(add_24_business_hours(office, &days, s));
    }
    if s.wants("two_pauses") {
        rows.push(add_24_business_hours_two_pauses(office, &days, s));
    }
    if s.wants("json_calendar_add") {
        rows.push(json_calendar_add(engine, office, s));
    }
    rows
}

fn is_working_day(office: &Calendar, days: &Days, s: &Settings) -> Row {
    let inputs = dates();
    let wuye = |d: NaiveDate| office.is_working_day(date_to_day(d)).unwrap_or(false);
    let cache = bdays_cache(days);
    let wd = workdays_calendar(days);
    let ours: Vec<bool> = inputs.iter().map(|&d| wuye(d)).collect();
    let reference: Vec<bool> = inputs.iter().map(|&d| days.working(d)).collect();
    let ch: Vec<bool> = inputs.iter().map(|&d| ch_working(d)).collect();
    let bd: Vec<bool> = inputs.iter().map(|&d| cache.is_bday(d)).collect();
    let wk: Vec<bool> = inputs.iter().map(|&d| workdays_working(&wd, d)).collect();
    let why = |i: usize| match days.kind(inputs[i]) {
        DayKind::MakeupWorkday => "missing make-up day",
        _ => "other",
    };
    let mut c = [
        Contender::new("wuye", BATCH, || inputs.iter().map(|&d| u64::from(wuye(d))).sum()),
        Contender::new("chinese_holiday", BATCH, || {
            inputs.iter().map(|&d| u64::from(ch_working(d))).sum()
        }),
        Contender::new("bdays (cached)", BATCH, || {
            inputs.iter().map(|&d| u64::from(cache.is_bday(d))).sum()
        }),
        Contender::new("workdays", BATCH, || {
            inputs.iter().map(|&d| u64::from(workdays_working(&wd, d))).sum()
        }),
    ];
    let r = compare(&mut c, s.round);
    Row {
        operation: "is-working-day (chrono date in)".into(),
        wuye: r[0],
        check: Some(count(&ours, &reference, |_| "other")),
        peers: vec![
            PeerResult {
                name: "chinese_holiday".into(),
                ops_per_sec: r[1],
                differ: Some(count(&ours, &ch, why)),
            },
            PeerResult {
                name: "bdays (cached, China's days off)".into(),
                ops_per_sec: r[2],
                differ: Some(count(&ours, &bd, why)),
            },
            PeerResult {
                name: "workdays (China's days off)".into(),
                ops_per_sec: r[3],
                differ: Some(count(&ours, &wk, why)),
            },
        ],
    }
}

fn wuye_add(office: &Calendar, t: DateTime<FixedOffset>, span: &Span) -> DateTime<FixedOffset> {
    match office.add(Instant::from(t), span) {
        Ok(s) => office.to_datetime(s.at),
        Err(_) => t,
    }
}

/// Consumes an answer without converting it further (so no contender pays for more than its own answer).
fn sink<T>(x: T) -> u64 {
    std::hint::black_box(x);
    1
}

fn local(t: DateTime<FixedOffset>) -> NaiveDateTime {
    t.naive_local()
}

fn add_3_working_days(office: &Calendar, days: &Days, s: &Settings) -> Row {
    let inputs = instants();
    let span = Span::WorkingDays(3);
    let cache = bdays_cache(days);
    let wd = workdays_calendar(days);
    let ours: Vec<NaiveDateTime> = inputs.iter().map(|&t| local(wuye_add(office, t, &span))).collect();
    let reference: Vec<NaiveDateTime> = inputs
        .iter()
        .map(|&t| add_working_days(local(t), 3, |d| days.working(d)))
        .collect();
    let ch = |t: DateTime<FixedOffset>| add_days_keep_time(local(t), 3, ch_working);
    let bd = |t: DateTime<FixedOffset>| cache.advance_bdays(local(t).date(), 3).and_time(local(t).time());
    let wk = |t: DateTime<FixedOffset>| {
        let (end, _) = wd.compute_end_date(local(t).date(), 3).expect("end date");
        end.and_time(local(t).time())
    };
    let answers = |f: &dyn Fn(DateTime<FixedOffset>) -> NaiveDateTime| -> Vec<NaiveDateTime> {
        inputs.iter().map(|&t| f(t)).collect()
    };
    let (a_ch, a_bd, a_wk) = (answers(&ch), answers(&bd), answers(&wk));
    let why = |i: usize| why_day(days, local(inputs[i]).date(), ours[i].date());
    let why_wk = |i: usize| match why(i) {
        "other" => "counts the start day as day 1",
        r => r,
    };
    let mut c = [
        Contender::new("wuye", BATCH, || {
            inputs
                .iter()
                .map(|&t| wuye_add(office, t, &span).timestamp() as u64)
                .sum()
        }),
        Contender::new("chinese_holiday", BATCH, || inputs.iter().map(|&t| sink(ch(t))).sum()),
        Contender::new("bdays", BATCH, || inputs.iter().map(|&t| sink(bd(t))).sum()),
        Contender::new("workdays", BATCH, || inputs.iter().map(|&t| sink(wk(t))).sum()),
    ];
    let r = compare(&mut c, s.round);
    Row {
        operation: "add 3 working days (chrono in/out)".into(),
        wuye: r[0],
        check: Some(count(&ours, &reference, |_| "other")),
        peers: vec![
            PeerResult {
                name: "chinese_holiday + day loop".into(),
                ops_per_sec: r[1],
                differ: Some(count(&ours, &a_ch, why)),
            },
            PeerResult {
                name: "bdays advance_bdays (cached)".into(),
                ops_per_sec: r[2],
                differ: Some(count(&ours, &a_bd, why)),
            },
            PeerResult {
                name: "workdays compute_end_date".into(),
                ops_per_sec: r[3],
                differ: Some(count(&ours, &a_wk, why_wk)),
            },
        ],
    }
}

fn add_24_business_hours(office: &Calendar, days: &Days, s: &Settings) -> Row {
    let inputs = instants();
    let span = Span::BusinessHours(24);
    let ours: Vec<NaiveDateTime> = inputs.iter().map(|&t| local(wuye_add(office, t, &span))).collect();
    let reference: Vec<NaiveDateTime> = inputs
        .iter()
        .map(|&t| add_business(local(t), 24 * 3600, |d| days.working(d)))
        .collect();
    let ch = |t: DateTime<FixedOffset>| add_business(local(t), 24 * 3600, ch_working);
    let a_ch: Vec<NaiveDateTime> = inputs.iter().map(|&t| ch(t)).collect();
    let mut c = [
        Contender::new("wuye", BATCH, || {
            inputs
                .iter()
                .map(|&t| wuye_add(office, t, &span).timestamp() as u64)
                .sum()
        }),
        Contender::new("chinese_holiday", BATCH, || inputs.iter().map(|&t| sink(ch(t))).sum()),
    ];
    let r = compare(&mut c, s.round);
    Row {
        operation: "add 24 business hours, 08:30–12:00 + 13:30–17:30 (chrono in/out)".into(),
        wuye: r[0],
        check: Some(count(&ours, &reference, |_| "other")),
        peers: vec![PeerResult {
            name: "chinese_holiday + hand-rolled window loop (no crate has business hours)".into(),
            ops_per_sec: r[1],
            differ: Some(count(&ours, &a_ch, |i| {
                why_day(days, local(inputs[i]).date(), ours[i].date())
            })),
        }],
    }
}

/// Two pauses after each start: 1 h after it for 2 h, and 5 h after it until the next day (wall clock).
fn pauses(t: DateTime<FixedOffset>) -> [(DateTime<FixedOffset>, DateTime<FixedOffset>); 2] {
    let m = |n: i64| t + Duration::minutes(n);
    [(m(60), m(180)), (m(300), m(1500))]
}

type Paused = (
    DateTime<FixedOffset>,
    [(DateTime<FixedOffset>, DateTime<FixedOffset>); 2],
);

/// 24 business hours from `t` with the clock stopped during two pauses (`add_business_seconds_paused`).
fn wuye_paused(office: &Calendar, (t, ps): &Paused) -> Result<DateTime<FixedOffset>, wuye::calendar::CalendarError> {
    let pauses = ps.map(|(p, r)| (Instant::from(p), Instant::from(r)));
    let due = office.add_business_seconds_paused(Instant::from(*t), 24 * 3600, &pauses)?;
    Ok(office.to_datetime(due.at))
}

/// The same composed from the public clock reads (`clock_at` / `when_clock_reads_at`), as callers wrote it
/// before the one-pass operation: kept to show what the operation saves.
fn wuye_paused_composed(
    office: &Calendar,
    (t, ps): &Paused,
) -> Result<DateTime<FixedOffset>, wuye::calendar::CalendarError> {
    let start = Instant::from(*t);
    let mut target = office.clock_at(start)?.at + 24 * 3600;
    let mut due = office.when_clock_reads_at(target, start)?.at;
    for (p, r) in ps {
        let (p, r) = (Instant::from(*p), Instant::from(*r));
        if due <= p {
            break;
        }
        target += office.clock_at(r)?.at - office.clock_at(p)?.at;
        due = office.when_clock_reads_at(target, r)?.at;
    }
    Ok(due.to_datetime(office.offset()))
}

fn add_24_business_hours_two_pauses(office: &Calendar, days: &Days, s: &Settings) -> Row {
    let inputs: Vec<Paused> = instants().into_iter().map(|t| (t, pauses(t))).collect();
    let naive_pauses = |ps: &[(DateTime<FixedOffset>, DateTime<FixedOffset>); 2]| ps.map(|(p, r)| (local(p), local(r)));
    let ours: Vec<NaiveDateTime> = inputs
        .iter()
        .map(|i| local(wuye_paused(office, i).expect("in coverage")))
        .collect();
    let reference: Vec<NaiveDateTime> = inputs
        .iter()
        .map(|(t, ps)| add_business_paused(local(*t), 24 * 3600, &naive_pauses(ps), |d| days.working(d)))
        .collect();
    let composed: Vec<NaiveDateTime> = inputs
        .iter()
        .map(|i| local(wuye_paused_composed(office, i).expect("in coverage")))
        .collect();
    let ch = |(t, ps): &Paused| add_business_paused(local(*t), 24 * 3600, &naive_pauses(ps), ch_working);
    let a_ch: Vec<NaiveDateTime> = inputs.iter().map(ch).collect();
    let mut c = [
        Contender::new("wuye", BATCH, || {
            inputs.iter().map(|i| wuye_paused(office, i).map_or(0, sink)).sum()
        }),
        Contender::new("chinese_holiday", BATCH, || inputs.iter().map(|i| sink(ch(i))).sum()),
        Contender::new("wuye composed", BATCH, || {
            inputs
                .iter()
                .map(|i| wuye_paused_composed(office, i).map_or(0, sink))
                .sum()
        }),
    ];
    let r = compare(&mut c, s.round);
    Row {
        operation: "add 24 business hours with two pauses (add_business_seconds_paused, chrono in/out)".into(),
        wuye: r[0],
        check: Some(count(&ours, &reference, |_| "other")),
        peers: vec![
            PeerResult {
                name: "chinese_holiday + hand-rolled window loop".into(),
                ops_per_sec: r[1],
                differ: Some(count(&ours, &a_ch, |i| {
                    why_day(days, local(inputs[i].0).date(), ours[i].date())
                })),
            },
            PeerResult {
                name: "wuye composed from clock_at / when_clock_reads_at (before the one-pass operation)".into(),
                ops_per_sec: r[2],
                differ: Some(count(&ours, &composed, |_| "other")),
            },
        ],
    }
}

fn json_calendar_add(engine: &Engine, office: &Calendar, s: &Settings) -> Row {
    let inputs = instants();
    let requests: Vec<String> = inputs
        .iter()
        .map(|t| {
            format!(
                r#"{{"op":"calendar.add","calendar":"office","from":"{}","add":{{"business_hours":24}}}}"#,
                t.to_rfc3339()
            )
        })
        .collect();
    let typed: Vec<String> = inputs
        .iter()
        .map(|&t| wuye_add(office, t, &Span::BusinessHours(24)).to_rfc3339())
        .collect();
    let answers: Vec<String> = requests
        .iter()
        .map(|r| {
            let v: serde_json::Value = serde_json::from_str(&engine.request(r)).expect("json");
            v["ok"]["at"].as_str().unwrap_or("error").to_string()
        })
        .collect();
    let mut c = [Contender::new("wuye", BATCH, || {
        requests.iter().map(|r| engine.request(r).len() as u64).sum()
    })];
    let r = compare(&mut c, s.round);
    Row {
        operation: "`calendar.add` 24 business hours, JSON text in/out".into(),
        wuye: r[0],
        check: Some(count(&typed, &answers, |_| "differs from the typed API")),
        peers: vec![],
    }
}

/// Runs one workload's wuye side `n` times over its inputs (for instruction counts: `calendar-ops`).
pub fn profile(engine: &Engine, op: &str, n: usize) -> Option<u64> {
    let office = engine.calendars().get("office").expect("office");
    let instants = instants();
    let paused: Vec<Paused> = instants.iter().map(|&t| (t, pauses(t))).collect();
    let dates = dates();
    let mut sum = 0u64;
    for _ in 0..n {
        sum += match op {
            "working_day" => dates
                .iter()
                .map(|&d| u64::from(office.is_working_day(date_to_day(d)).unwrap_or(false)))
                .sum::<u64>(),
            "add_3_working_days" => instants
                .iter()
                .map(|&t| wuye_add(office, t, &Span::WorkingDays(3)).timestamp() as u64)
                .sum(),
            "add_24_business_hours" => instants
                .iter()
                .map(|&t| wuye_add(office, t, &Span::BusinessHours(24)).timestamp() as u64)
                .sum(),
            "two_pauses" => paused.iter().map(|i| wuye_paused(office, i).map_or(0, sink)).sum(),
            "two_pauses_composed" => paused
                .iter()
                .map(|i| wuye_paused_composed(office, i).map_or(0, sink))
                .sum(),
            "chrono_in" => instants
                .iter()
                .map(|&t| std::hint::black_box(Instant::from(t)).0 as u64)
                .sum(),
            "chrono_out" => instants
                .iter()
                .map(|&t| {
                    std::hint::black_box(Instant::from(t))
                        .to_datetime(office.offset())
                        .timestamp() as u64
                })
                .sum(),
            "chrono_out_calendar" => instants
                .iter()
                .map(|&t| office.to_datetime(std::hint::black_box(Instant::from(t))).timestamp() as u64)
                .sum(),
            _ => return None,
        };
    }
    Some(sum)
}
