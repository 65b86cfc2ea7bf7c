use super::*;
use crate::time::{date_to_day, day_number, parse_date, Instant};
use proptest::prelude::*;

fn default_calendars() -> Calendars {
    let doc = crate::handbook::default_document();
    let mut d = Diagnostics::default();
    let c = compile(doc.get("holiday_sets"), doc.get("calendars"), &mut d);
    assert!(d.is_empty(), "{:?}", d.into_problems());
    c
}

/// A 09:00–18:00 Monday–Friday calendar on China's holidays, as the acceptance examples use.
fn nine_to_six(policy: OutsideCoverage) -> Calendar {
    let calendars = default_calendars();
    let window = vec!["09:00-18:00".to_string()];
    let week = WeekDoc {
        mon: window.clone(),
        tue: window.clone(),
        wed: window.clone(),
        thu: window.clone(),
        fri: window,
        ..WeekDoc::default()
    };
    let doc = CalendarDoc {
        description: None,
        utc_offset: Offset::CHINA,
        week,
        makeup_day: None,
        holidays: Some("cn_mainland".into()),
        outside_coverage: policy,
        source: None,
    };
    calendars.compile_inline(&doc, "calendar").unwrap()
}

fn at(s: &str) -> Instant {
    Instant::parse(s).unwrap()
}

fn show(c: &Calendar, t: Instant) -> String {
    t.format(c.offset())
}

#[test]
fn eight_business_hours_from_friday_evening_end_on_the_make_up_sunday() {
    let c = nine_to_six(OutsideCoverage::Error);
    let r = c.add(at("2025-01-24T17:00:00+08:00"), &Span::BusinessHours(8)).unwrap();
    assert_eq!(show(&c, r.at), "2025-01-26T16:00:00+08:00");
    assert!(!r.assumed_regular_week);
}

#[test]
fn three_working_days_skip_the_spring_festival() {
    let c = nine_to_six(OutsideCoverage::Error);
    let r = c.add(at("2025-01-27T10:00:00+08:00"), &Span::WorkingDays(3)).unwrap();
    assert_eq!(show(&c, r.at), "2025-02-07T10:00:00+08:00");
}

#[test]
fn working_days_from_a_rest_day_end_at_midnight_after_the_nth_working_day() {
    let c = nine_to_six(OutsideCoverage::Error);
    // Saturday 2025-03-01: Monday, Tuesday and Wednesday are the three working days; due at Wednesday 24:00.
    let r = c.add(at("2025-03-01T10:00:00+08:00"), &Span::WorkingDays(3)).unwrap();
    assert_eq!(show(&c, r.at), "2025-03-06T00:00:00+08:00");
    // After hours on a working day keeps the clock time.
    let r = c.add(at("2025-03-03T20:00:00+08:00"), &Span::WorkingDays(1)).unwrap();
    assert_eq!(show(&c, r.at), "2025-03-04T20:00:00+08:00");
}

#[test]
fn a_deadline_on_a_windows_end_stays_there() {
    let c = nine_to_six(OutsideCoverage::Error);
    let r = c.add(at("2025-03-03T09:00:00+08:00"), &Span::BusinessHours(9)).unwrap();
    assert_eq!(show(&c, r.at), "2025-03-03T18:00:00+08:00");
    let r = c
        .add(at("2025-03-03T09:00:00+08:00"), &Span::BusinessMinutes(9 * 60 + 1))
        .unwrap();
    assert_eq!(show(&c, r.at), "2025-03-04T09:01:00+08:00");
}

#[test]
fn lunch_breaks_and_holidays_on_the_default_office_calendar() {
    let cals = default_calendars();
    let c = cals.get("office").unwrap();
    // 11:00 + 2h: one hour before lunch, one after 13:30.
    let r = c.add(at("2025-03-03T11:00:00+08:00"), &Span::BusinessHours(2)).unwrap();
    assert_eq!(show(c, r.at), "2025-03-03T14:30:00+08:00");
    // 40 business hours from Friday before the 2026 Spring Festival (make-up Saturday 02-14 counts).
    let r = c
        .add(at("2026-02-13T09:00:00+08:00"), &Span::BusinessHours(40))
        .unwrap();
    // Fri 02-13 from 09:00: 7h -> 33 left; Sat 02-14 make-up 7.5 -> 25.5; holiday 02-15..02-23;
    // Tue 02-24 -> 18; Wed 02-25 -> 10.5; Thu 02-26 -> 3; Fri 02-27 08:30 + 3h = 11:30.
    assert_eq!(show(c, r.at), "2026-02-27T11:30:00+08:00");
    let (secs, _) = c
        .business_seconds_between(at("2026-02-13T09:00:00+08:00"), r.at)
        .unwrap();
    assert_eq!(secs, 40 * 3600);
}

#[test]
fn outside_coverage_is_an_error_or_a_flagged_assumption() {
    let strict = nine_to_six(OutsideCoverage::Error);
    let e = strict
        .add(at("2031-03-03T09:00:00+08:00"), &Span::WorkingDays(1))
        .unwrap_err();
    assert_eq!(e.code(), "calendar.out_of_coverage");
    let e = strict
        .add(at("2026-12-31T09:00:00+08:00"), &Span::WorkingDays(3))
        .unwrap_err();
    assert_eq!(
        e.code(),
        "calendar.out_of_coverage",
        "a result past the data is refused too"
    );
    let lenient = nine_to_six(OutsideCoverage::AssumeRegularWeek);
    let r = lenient
        .add(at("2031-03-03T09:00:00+08:00"), &Span::WorkingDays(1))
        .unwrap();
    assert_eq!(show(&lenient, r.at), "2031-03-04T09:00:00+08:00");
    assert!(r.assumed_regular_week);
    let inside = lenient
        .add(at("2025-03-03T09:00:00+08:00"), &Span::WorkingDays(1))
        .unwrap();
    assert!(!inside.assumed_regular_week);
}

#[test]
fn pauses_stop_the_business_clock() {
    let c = nine_to_six(OutsideCoverage::Error);
    let p = |a: &str, b: &str| (at(a), at(b));
    // 8 business hours from Monday 10:00, paused Monday 14:00 to Tuesday 11:00: 4 hours count before the
    // pause and 4 after it, due Tuesday 15:00 instead of Monday 18:00.
    let pauses = [p("2025-03-03T14:00:00+08:00", "2025-03-04T11:00:00+08:00")];
    let r = c
        .add_business_seconds_paused(at("2025-03-03T10:00:00+08:00"), 8 * 3600, &pauses)
        .unwrap();
    assert_eq!(show(&c, r.at), "2025-03-04T15:00:00+08:00");
    // A deadline reached exactly when a pause begins stays there.
    let pauses = [p("2025-03-03T18:00:00+08:00", "2025-03-05T09:00:00+08:00")];
    let r = c
        .add_business_seconds_paused(at("2025-03-03T10:00:00+08:00"), 8 * 3600, &pauses)
        .unwrap();
    assert_eq!(show(&c, r.at), "2025-03-03T18:00:00+08:00");
    // A pause past the holiday data is refused only when the deadline lies after it.
    let far = [p("2031-01-06T10:00:00+08:00", "2031-01-07T10:00:00+08:00")];
    let start = at("2026-12-28T10:00:00+08:00");
    assert!(c.add_business_seconds_paused(start, 3600, &far).is_ok());
    let e = c.add_business_seconds_paused(start, 100 * 3600, &far).unwrap_err();
    assert_eq!(e.code(), "calendar.out_of_coverage");
}

#[test]
fn next_working_instant_skips_lunch_nights_and_holidays() {
    let cals = default_calendars();
    let c = cals.get("office").unwrap();
    let next = |s: &str| show(c, c.next_working(at(s)).unwrap().at);
    assert_eq!(next("2025-03-03T12:10:00+08:00"), "2025-03-03T13:30:00+08:00");
    assert_eq!(next("2025-03-03T09:00:00+08:00"), "2025-03-03T09:00:00+08:00");
    assert_eq!(next("2025-01-27T18:00:00+08:00"), "2025-02-05T08:30:00+08:00");
}

/// The official schedule, written independently of the data file: days off on weekdays, and weekend make-up days.
const DAYS_OFF: [&str; 31] = [
    "2025-01-01",
    "2025-01-28",
    "2025-01-29",
    "2025-01-30",
    "2025-01-31",
    "2025-02-03",
    "2025-02-04",
    "2025-04-04",
    "2025-05-01",
    "2025-05-02",
    "2025-05-05",
    "2025-06-02",
    "2025-10-01",
    "2025-10-02",
    "2025-10-03",
    "2025-10-06",
    "2025-10-07",
    "2025-10-08",
    "2026-01-01",
    "2026-01-02",
    "2026-02-16",
    "2026-02-17",
    "2026-02-18",
    "2026-02-19",
    "2026-02-20",
    "2026-02-23",
    "2026-04-06",
    "2026-05-01",
    "2026-05-04",
    "2026-05-05",
    "2026-06-19",
];
const MORE_DAYS_OFF: [&str; 6] = [
    "2026-09-25",
    "2026-10-01",
    "2026-10-02",
    "2026-10-05",
    "2026-10-06",
    "2026-10-07",
];
const MAKEUP_DAYS: [&str; 11] = [
    "2025-01-26",
    "2025-02-08",
    "2025-04-27",
    "2025-09-28",
    "2025-10-11",
    "2026-01-04",
    "2026-02-14",
    "2026-02-28",
    "2026-05-09",
    "2026-09-20",
    "2026-10-10",
];
/// Statutory holidays that fall on a weekend: still labelled statutory.
const WEEKEND_STATUTORY: [&str; 4] = ["2025-05-31", "2026-04-05", "2026-05-02", "2026-10-03"];

#[test]
fn every_day_of_2025_and_2026_is_classified_as_the_state_council_says() {
    let cals = default_calendars();
    let c = cals.get("office").unwrap();
    let set = |xs: &[&str]| {
        xs.iter()
            .map(|s| parse_date(s).unwrap())
            .collect::<std::collections::HashSet<_>>()
    };
    let off: std::collections::HashSet<_> = set(&DAYS_OFF).union(&set(&MORE_DAYS_OFF)).copied().collect();
    let makeup = set(&MAKEUP_DAYS);
    let weekend_statutory = set(&WEEKEND_STATUTORY);
    let (mut working, mut total) = (0, 0);
    for day in day_number(2025, 1, 1)..day_number(2027, 1, 1) {
        let info = c.day(day).unwrap();
        let weekend = time::weekday(day) >= 5;
        let expect_working = (!weekend && !off.contains(&day)) || makeup.contains(&day);
        assert_eq!(info.working, expect_working, "{}", info.date);
        let expect_kind = if makeup.contains(&day) {
            DayKind::MakeupWorkday
        } else if weekend_statutory.contains(&day) {
            DayKind::StatutoryHoliday
        } else if weekend {
            DayKind::Weekend
        } else if off.contains(&day) {
            info.kind // statutory or rest day: checked below
        } else {
            DayKind::Workday
        };
        assert_eq!(info.kind, expect_kind, "{}", info.date);
        if off.contains(&day) {
            assert!(
                matches!(info.kind, DayKind::StatutoryHoliday | DayKind::RestDay),
                "{}",
                info.date
            );
            assert!(info.name.is_some(), "{} has its holiday's name", info.date);
        }
        working += i32::from(info.working);
        total += 1;
    }
    assert_eq!(total, 730);
    // Each year: 261 weekdays; 2025 loses 18 to holidays and gains 5 make-up days, 2026 loses 19 and gains 6.
    assert_eq!(working, (261 - 18 + 5) + (261 - 19 + 6));
}

#[test]
fn a_malformed_calendar_reports_each_problem_with_its_path() {
    let doc = serde_json::json!({
        "cn": {"name": "x", "years": [2025], "source": "§1", "days": [
            {"date": "2025-13-01", "kind": "statutory_holiday", "name": "bad date"},
            {"date": "2025-01-04", "kind": "rest_day", "name": "rest day on a Saturday"}
        ]}
    });
    let cals = serde_json::json!({
        "a": {"week": {"mon": ["09:00-18:00", "17:00-19:00"]}, "holidays": "cn", "source": "§1"},
        "b": {"week": {}, "holidays": "nope", "source": "§1"}
    });
    let mut d = Diagnostics::default();
    compile(Some(&doc), Some(&cals), &mut d);
    let got: Vec<(String, String)> = d
        .into_problems()
        .into_iter()
        .map(|p| (p.code.to_string(), p.path.unwrap_or_default()))
        .collect();
    let want = [
        ("calendar.invalid_date", "holiday_sets.cn.days[0].date"),
        ("calendar.inconsistent_day", "holiday_sets.cn.days[1]"),
        ("calendar.invalid_window", "calendars.a.week.mon[1]"),
        ("calendar.unknown_holiday_set", "calendars.b.holidays"),
    ];
    let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(got, want);
}

/// Reference model: step minute by minute (tests only; the calendar itself never steps).
fn reference_add_minutes(c: &Calendar, start: Instant, minutes: i64) -> Instant {
    let mut t = start.0;
    let mut left = minutes * 60;
    // Align to whole minutes in the tests' inputs.
    while left > 0 {
        if c.is_working(Instant(t)).unwrap().0 {
            left -= 60;
        }
        t += 60;
    }
    Instant(t)
}

/// Reference model with pauses: step minute by minute, counting minutes that are working time and in no pause.
fn reference_add_minutes_paused(c: &Calendar, start: Instant, minutes: i64, pauses: &[(Instant, Instant)]) -> Instant {
    let mut t = start.0;
    let mut left = minutes * 60;
    while left > 0 {
        let paused = pauses.iter().any(|&(p, r)| p.0 <= t && t < r.0);
        if !paused && c.is_working(Instant(t)).unwrap().0 {
            left -= 60;
        }
        t += 60;
    }
    Instant(t)
}

/// The same answer composed from the public clock (what callers wrote before the one-pass operation): invert
/// the clock, and past each pause that starts before the deadline, push the target by the pause's business time.
fn composed_add_paused(c: &Calendar, start: Instant, seconds: i64, pauses: &[(Instant, Instant)]) -> Instant {
    let mut target = c.clock_at(start).unwrap().at + seconds;
    let mut due = c.when_clock_reads_at(target, start).unwrap().at;
    let mut from = start;
    for &(p, r) in pauses {
        let (p, r) = (p.max(from), r.max(p.max(from)));
        if due <= p {
            break;
        }
        target += c.clock_at(r).unwrap().at - c.clock_at(p).unwrap().at;
        due = c.when_clock_reads_at(target, r).unwrap().at;
        from = r;
    }
    due
}

/// Up to three pauses, in order of their start, each starting from 10 hours before to 100 hours after `t` and
/// lasting up to 50 hours (they may overlap), all in whole minutes.
fn arb_pauses(t: Instant) -> impl Strategy<Value = Vec<(Instant, Instant)>> {
    prop::collection::vec((-600i64..6_000, 0i64..3_000), 0..4).prop_map(move |mut v| {
        v.sort_unstable();
        v.iter()
            .map(|&(from, len)| (Instant(t.0 + from * 60), Instant(t.0 + (from + len) * 60)))
            .collect()
    })
}

fn arb_instant_2025() -> impl Strategy<Value = Instant> {
    // Whole minutes in 2025-01-01 .. 2026-06-30, China time (results stay inside the 2025–2026 data).
    let start = at("2025-01-01T00:00:00+08:00").0 / 60;
    let end = at("2026-06-30T00:00:00+08:00").0 / 60;
    (start..end).prop_map(|m| Instant(m * 60))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn adding_then_measuring_round_trips(t in arb_instant_2025(), minutes in 0u32..20_000) {
        let cals = default_calendars();
        let c = cals.get("office").unwrap();
        let end = c.add(t, &Span::BusinessMinutes(minutes)).unwrap().at;
        prop_assert_eq!(c.business_seconds_between(t, end).unwrap().0, i64::from(minutes) * 60);
        prop_assert!(end >= t);
    }

    #[test]
    fn business_adds_match_minute_stepping(t in arb_instant_2025(), minutes in 1i64..3_000) {
        let cals = default_calendars();
        let c = cals.get("office").unwrap();
        let fast = c.add_business_seconds(t, minutes * 60).unwrap().at;
        prop_assert_eq!(fast, reference_add_minutes(c, t, minutes));
    }

    #[test]
    fn results_are_monotonic_in_the_start(a in arb_instant_2025(), b in arb_instant_2025(), n in 0u32..30) {
        let cals = default_calendars();
        let c = cals.get("office").unwrap();
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        for span in [Span::BusinessHours(n), Span::WorkingDays(n), Span::Hours(n)] {
            prop_assert!(c.add(lo, &span).unwrap().at <= c.add(hi, &span).unwrap().at, "{:?}", span);
        }
    }

    #[test]
    fn business_time_never_exceeds_calendar_time(a in arb_instant_2025(), b in arb_instant_2025()) {
        let cals = default_calendars();
        let c = cals.get("office").unwrap();
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let (business, _) = c.business_seconds_between(lo, hi).unwrap();
        prop_assert!(business >= 0 && business <= hi.0 - lo.0);
    }

    #[test]
    fn working_days_land_on_working_days(t in arb_instant_2025(), n in 1u32..20) {
        let cals = default_calendars();
        let c = cals.get("office").unwrap();
        let r = c.add(t, &Span::WorkingDays(n)).unwrap().at;
        let local_day = (r.0 + 8 * 3600).div_euclid(86_400) as i32;
        let start_day = (t.0 + 8 * 3600).div_euclid(86_400) as i32;
        if c.is_working_day(start_day).unwrap() {
            prop_assert!(c.is_working_day(local_day).unwrap());
            let between = (start_day + 1..=local_day).filter(|&d| c.is_working_day(d).unwrap()).count();
            prop_assert_eq!(between as u32, n);
        } else {
            // Lands at 00:00 right after the n-th working day.
            prop_assert!(c.is_working_day(local_day - 1).unwrap());
            let between = (start_day..local_day).filter(|&d| c.is_working_day(d).unwrap()).count();
            prop_assert_eq!(between as u32, n);
        }
    }

    #[test]
    fn paused_adds_match_minute_stepping(
        (t, pauses) in arb_instant_2025().prop_flat_map(|t| (Just(t), arb_pauses(t))),
        minutes in 0i64..3_000,
    ) {
        let cals = default_calendars();
        let c = cals.get("office").unwrap();
        let fast = c.add_business_seconds_paused(t, minutes * 60, &pauses).unwrap();
        prop_assert_eq!(fast.at, reference_add_minutes_paused(c, t, minutes, &pauses));
        prop_assert_eq!(fast.at, composed_add_paused(c, t, minutes * 60, &pauses));
        prop_assert!(!fast.assumed_regular_week);
        // Round trip: the business time from the start to the deadline, less the paused business time, is the
        // time added.
        let (worked, _) = c.business_seconds_between(t, fast.at).unwrap();
        let mut paused = 0;
        let mut from = t;
        for &(p, r) in &pauses {
            let (p, r) = (p.max(from).min(fast.at), r.max(p.max(from)).min(fast.at));
            paused += c.business_seconds_between(p, r).unwrap().0;
            from = r;
        }
        prop_assert_eq!(worked - paused, minutes * 60);
    }

    #[test]
    fn paused_adds_are_monotonic_in_the_start(
        (a, pauses) in arb_instant_2025().prop_flat_map(|t| (Just(t), arb_pauses(t))),
        later in 0i64..5_000,
        minutes in 0i64..3_000,
    ) {
        let cals = default_calendars();
        let c = cals.get("office").unwrap();
        let b = Instant(a.0 + later * 60);
        let (da, db) = (
            c.add_business_seconds_paused(a, minutes * 60, &pauses).unwrap().at,
            c.add_business_seconds_paused(b, minutes * 60, &pauses).unwrap().at,
        );
        prop_assert!(da <= db, "{} then {}", show(c, da), show(c, db));
    }

    #[test]
    fn converts_to_chrono_as_instants_do(
        t in at("2024-12-30T00:00:00Z").0..at("2027-01-03T00:00:00Z").0,
        far in prop_oneof![Just(0i64), -200_000_000i64..200_000_000],
        minutes in -1439i32..1440,
    ) {
        let mut c = nine_to_six(OutsideCoverage::Error);
        let t = Instant(t + far);
        prop_assert_eq!(c.to_datetime(t), t.to_datetime(c.offset()));
        c.offset = Offset::parse(&format!("{}{:02}:{:02}", if minutes < 0 { '-' } else { '+' }, minutes.abs() / 60, minutes.abs() % 60)).unwrap();
        prop_assert_eq!(c.to_datetime(t), t.to_datetime(c.offset()));
    }

    #[test]
    fn regular_weeks_extend_consistently_far_outside_the_data(days in -3_000i64..3_000, minutes in 0u32..50_000) {
        let c = nine_to_six(OutsideCoverage::AssumeRegularWeek);
        let t = Instant(at("2026-06-01T10:00:00+08:00").0 + days * 86_400);
        let end = c.add(t, &Span::BusinessMinutes(minutes)).unwrap().at;
        prop_assert_eq!(c.business_seconds_between(t, end).unwrap().0, i64::from(minutes) * 60);
    }
}

#[test]
fn converts_to_chrono_at_the_ends_of_the_instant_range() {
    let c = nine_to_six(OutsideCoverage::Error);
    for t in [crate::time::MIN_INSTANT, crate::time::MAX_INSTANT, i64::MIN, i64::MAX] {
        assert_eq!(c.to_datetime(Instant(t)), Instant(t).to_datetime(c.offset()));
    }
}

#[test]
fn chrono_dates_map_to_day_numbers() {
    let d = chrono::NaiveDate::from_ymd_opt(2025, 1, 26).unwrap();
    let cals = default_calendars();
    assert!(cals.get("office").unwrap().is_working_day(date_to_day(d)).unwrap());
}
