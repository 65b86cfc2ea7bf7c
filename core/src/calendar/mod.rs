//! The business calendar (工作日历): working windows, China's holidays and make-up working days (调休) as data,
//! and arithmetic over them — add calendar or business time, add working days, measure business time.
//!
//! Conventions (docs/calendar.md): a business-time deadline that lands exactly on a window's end stays there
//! (18:00, not 09:00 the next day); N working days from an instant on a working day end at the same clock time
//! on the N-th working day after it, and from a non-working day at the end (24:00) of the N-th working day.
//! Every query jumps over precomputed prefix sums; nothing steps minute by minute or day by day.

mod doc;
mod holidays;
mod schedule;
mod span;
mod tally;

pub use doc::{CalendarDoc, DayDoc, EntryKind, HolidaySetDoc, OutsideCoverage, WeekDoc};
pub use holidays::HolidaySet;
pub use schedule::Schedule;
pub use span::{Basis, Span};

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::Serialize;
use serde_json::Value;

use crate::error::Coded;
use crate::handbook::{Diagnostics, Source};
use crate::time::{self, DayNumber, Instant, Offset, TimeError, DAY};
use schedule::WindowError;
use tally::Tally;

/// Why a calendar question has no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("no calendar `{0}` in the handbook")]
    Unknown(String),
    #[error("{date} is outside the years {from}..{to} that holiday set `{set}` covers (policy: error)")]
    OutOfCoverage {
        date: String,
        set: String,
        from: String,
        to: String,
    },
    #[error("calendar has no working time, so business time never passes")]
    NoWorkingTime,
    #[error(transparent)]
    Time(#[from] TimeError),
}

impl Coded for CalendarError {
    fn code(&self) -> &'static str {
        match self {
            CalendarError::Unknown(_) => "calendar.unknown",
            CalendarError::OutOfCoverage { .. } => "calendar.out_of_coverage",
            CalendarError::NoWorkingTime => "calendar.no_working_time",
            CalendarError::Time(e) => e.code(),
        }
    }
}

/// An answer of calendar arithmetic (an instant by default), flagged when it relied on the regular week
/// outside the holiday data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shifted<T = Instant> {
    pub at: T,
    pub assumed_regular_week: bool,
}

/// What a day is, as the calendar sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A regular working day (工作日).
    Workday,
    /// A regular day without working windows (周末).
    Weekend,
    /// 法定节假日.
    StatutoryHoliday,
    /// A weekday off by 调休 or 补休.
    RestDay,
    /// A weekend day worked (补班).
    MakeupWorkday,
}

/// One day of a calendar, for display and for `calendar.day`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayInfo {
    pub date: String,
    pub weekday: &'static str,
    pub kind: DayKind,
    pub working: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub windows: Vec<String>,
    pub working_seconds: i64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub assumed_regular_week: bool,
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A day of the dated table.
#[derive(Debug, Clone, Copy)]
struct Day {
    schedule: u8,
    kind: DayKind,
    name: Option<u16>,
}

/// A dated day as the hot paths read it: one lookup gives the business clock at the day's start, the working days
/// before it and its schedule.
#[derive(Debug, Clone, Copy)]
struct Dated {
    clock: i64,
    working_days_before: u32,
    schedule: u8,
}

/// A compiled business calendar: immutable, cheap to query.
#[derive(Debug, Clone)]
pub struct Calendar {
    offset: Offset,
    schedules: Vec<Schedule>,
    week: [u8; 7],
    /// Dated days from `anchor`: the holiday set's years (empty without a holiday set).
    anchor: i64,
    table: Vec<Day>,
    names: Vec<String>,
    seconds: Tally,
    working_days: Tally,
    /// `table` for the hot paths (see [`Dated`]); inside it no coverage check is needed.
    dated: Vec<Dated>,
    /// Table index of each working day, in order: the k-th working day in O(1).
    working: Vec<u32>,
    /// chrono's date of each UTC day from the day before the data to the day after it, for
    /// [`Calendar::to_datetime`] (empty without holiday data).
    chrono_dates: Vec<NaiveDate>,
    /// Holiday set name and the policy outside its years; `None` for a calendar without holidays.
    coverage: Option<(String, OutsideCoverage)>,
}

impl Calendar {
    /// Compiles a calendar document; `sets` are the handbook's holiday sets.
    pub fn compile(
        doc: &CalendarDoc,
        sets: &BTreeMap<String, HolidaySet>,
        path: &str,
        d: &mut Diagnostics,
    ) -> Option<Calendar> {
        let mut schedules = vec![Schedule::default()];
        let mut intern = |s: Schedule| -> u8 {
            match schedules.iter().position(|x| *x == s) {
                Some(i) => i as u8,
                None => {
                    schedules.push(s);
                    (schedules.len() - 1) as u8
                }
            }
        };
        let mut ok = true;
        let mut parse = |windows: &[String], p: String, d: &mut Diagnostics| match Schedule::parse(windows) {
            Ok(s) => Some(s),
            Err((i, WindowError::Syntax(m) | WindowError::Order(m))) => {
                d.error("calendar.invalid_window", &format!("{p}[{i}]"), m);
                ok = false;
                None
            }
        };
        let mut week = [0u8; 7];
        for (w, (name, windows)) in doc.week.days().into_iter().enumerate() {
            if let Some(s) = parse(windows, format!("{path}.week.{name}"), d) {
                week[w] = intern(s);
            }
        }
        let makeup = match &doc.makeup_day {
            Some(windows) => parse(windows, format!("{path}.makeup_day"), d)
                .map(&mut intern)
                .unwrap_or(0),
            None => week.iter().copied().find(|&s| s != 0).unwrap_or(0),
        };
        let set = match &doc.holidays {
            Some(id) => match sets.get(id) {
                Some(set) => Some(set),
                None => {
                    d.error(
                        "calendar.unknown_holiday_set",
                        &format!("{path}.holidays"),
                        format!("no holiday set `{id}`"),
                    );
                    return None;
                }
            },
            None => None,
        };
        if !ok {
            return None;
        }
        Some(Calendar::build(
            doc.utc_offset,
            schedules,
            week,
            makeup,
            set,
            doc.outside_coverage,
        ))
    }

    fn build(
        offset: Offset,
        schedules: Vec<Schedule>,
        week: [u8; 7],
        makeup: u8,
        set: Option<&HolidaySet>,
        policy: OutsideCoverage,
    ) -> Calendar {
        let (anchor, end) = set.map_or((0, 0), |s| s.covers);
        let mut names: Vec<String> = Vec::new();
        let table: Vec<Day> = (anchor..end)
            .map(|day| match set.and_then(|s| s.days.get(&day)) {
                Some((kind, name)) => {
                    let name = Some(match names.iter().position(|n| n == name) {
                        Some(i) => i as u16,
                        None => {
                            names.push(name.clone());
                            (names.len() - 1) as u16
                        }
                    });
                    match kind {
                        EntryKind::MakeupWorkday => Day {
                            schedule: makeup,
                            kind: DayKind::MakeupWorkday,
                            name,
                        },
                        EntryKind::StatutoryHoliday => Day {
                            schedule: 0,
                            kind: DayKind::StatutoryHoliday,
                            name,
                        },
                        EntryKind::RestDay => Day {
                            schedule: 0,
                            kind: DayKind::RestDay,
                            name,
                        },
                    }
                }
                None => regular_day(&week, day),
            })
            .collect();
        let secs_of = |s: u8| schedules[usize::from(s)].total();
        let weekly_secs = week.map(secs_of);
        let weekly_days = week.map(|s| i64::from(secs_of(s) > 0));
        let seconds = Tally::new(
            i64::from(anchor),
            table.iter().map(|d| secs_of(d.schedule)),
            weekly_secs,
        );
        let working_days = Tally::new(
            i64::from(anchor),
            table.iter().map(|d| i64::from(secs_of(d.schedule) > 0)),
            weekly_days,
        );
        let mut dated = Vec::with_capacity(table.len());
        let mut working = Vec::new();
        for (i, d) in table.iter().enumerate() {
            dated.push(Dated {
                clock: seconds.before(i64::from(anchor) + i as i64),
                working_days_before: working.len() as u32,
                schedule: d.schedule,
            });
            if secs_of(d.schedule) > 0 {
                working.push(i as u32);
            }
        }
        // UTC days: a local day of the data starts or ends on its neighbours for any offset within a day.
        let chrono_dates = if table.is_empty() {
            Vec::new()
        } else {
            (anchor - 1..=end)
                .map(|day| NaiveDate::from_num_days_from_ce_opt(day + 719_163))
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default()
        };
        Calendar {
            offset,
            anchor: i64::from(anchor),
            dated,
            working,
            chrono_dates,
            table,
            names,
            seconds,
            working_days,
            coverage: set.map(|s| (s.id.clone(), policy)),
            schedules,
            week,
        }
    }

    /// The id of the holiday set this calendar follows, if any.
    pub fn holiday_set(&self) -> Option<&str> {
        self.coverage.as_ref().map(|(set, _)| set.as_str())
    }

    /// The calendar's local UTC offset.
    pub fn offset(&self) -> Offset {
        self.offset
    }

    /// `t` as a chrono value in the calendar's offset: what `t.to_datetime(calendar.offset())` gives, with the date
    /// read from a table inside the holiday data instead of computed by chrono from a day number (that
    /// computation cost more than the calendar arithmetic of an answer).
    pub fn to_datetime(&self, t: Instant) -> DateTime<FixedOffset> {
        let (day, sod) = (t.0.div_euclid(DAY), t.0.rem_euclid(DAY) as u32);
        let date = usize::try_from(day - self.anchor + 1)
            .ok()
            .and_then(|i| self.chrono_dates.get(i));
        match (date, NaiveTime::from_num_seconds_from_midnight_opt(sod, 0)) {
            (Some(d), Some(time)) => DateTime::from_naive_utc_and_offset(d.and_time(time), self.offset.fixed()),
            _ => t.to_datetime(self.offset),
        }
    }

    /// Local day number and second of the day of an instant.
    fn local(&self, t: Instant) -> (i64, u32) {
        let local = t.0 + i64::from(self.offset.seconds());
        (local.div_euclid(DAY), local.rem_euclid(DAY) as u32)
    }

    fn instant(&self, day: i64, sod: u32) -> Result<Instant, TimeError> {
        let local = day.checked_mul(DAY).ok_or(TimeError::OutOfRange)? + i64::from(sod);
        Instant::new(local - i64::from(self.offset.seconds()))
    }

    fn day_entry(&self, day: i64) -> Day {
        match usize::try_from(day - self.anchor).ok().and_then(|i| self.table.get(i)) {
            Some(d) => *d,
            None => regular_day(&self.week, day as DayNumber),
        }
    }

    /// The dated entry of `day` and its schedule, when `day` is inside the holiday data.
    #[inline]
    fn dated(&self, day: i64) -> Option<(Dated, &Schedule)> {
        let d = *usize::try_from(day - self.anchor)
            .ok()
            .and_then(|i| self.dated.get(i))?;
        Some((d, &self.schedules[usize::from(d.schedule)]))
    }

    /// Inside the data: the instant the business clock reads `target`, searching from `from_day`.
    #[inline]
    fn dated_reaching(&self, target: i64, from_day: i64) -> Option<Result<Instant, TimeError>> {
        let day = self.seconds.first_day_reaching(target, from_day)?;
        let (d, s) = self.dated(day)?;
        Some(self.instant(day, s.reached_at(target - d.clock)))
    }

    /// Inside the data: the business clock at `t`, and `t`'s local day.
    #[inline]
    fn dated_clock(&self, t: Instant) -> Option<(i64, i64)> {
        let (day, sod) = self.local(t);
        let (d, s) = self.dated(day)?;
        Some((day, d.clock + s.worked_before(sod)))
    }

    /// [`Calendar::add_business_seconds_paused`] (`seconds` > 0) when every clock reading it needs, and its
    /// answer, lie inside the data; `None` otherwise.
    fn dated_add_paused(
        &self,
        start: Instant,
        seconds: i64,
        pauses: &[(Instant, Instant)],
    ) -> Option<Result<Instant, TimeError>> {
        let (mut from_day, clock) = self.dated_clock(start)?;
        let (mut from, mut target) = (start, clock + seconds);
        for &(paused, resumed) in pauses {
            let paused = paused.max(from);
            let (_, at_pause) = self.dated_clock(paused)?;
            if target <= at_pause {
                break;
            }
            let resumed = resumed.max(paused);
            let (day, at_resume) = self.dated_clock(resumed)?;
            // The clock reads below the target at the resumption, so the answer is after it.
            target += at_resume - at_pause;
            (from, from_day) = (resumed, day);
        }
        self.dated_reaching(target, from_day)
    }

    fn schedule(&self, day: i64) -> &Schedule {
        let s = self.day_entry(day).schedule;
        &self.schedules[usize::from(s)]
    }

    /// Checks the coverage policy for `day`: `Ok(true)` when the answer relies on the assumed regular week.
    fn covered(&self, day: i64) -> Result<bool, CalendarError> {
        let end = self.anchor + self.table.len() as i64;
        if (self.anchor..end).contains(&day) {
            return Ok(false);
        }
        let Some((set, policy)) = &self.coverage else {
            return Ok(false);
        };
        match policy {
            OutsideCoverage::AssumeRegularWeek => Ok(true),
            OutsideCoverage::Error => Err(CalendarError::OutOfCoverage {
                date: time::format_date(day as DayNumber),
                set: set.clone(),
                from: time::format_date(self.anchor as DayNumber),
                to: time::format_date((end - 1) as DayNumber),
            }),
        }
    }

    /// Working seconds from the anchor to `t`: the calendar's business clock.
    fn business_clock(&self, day: i64, sod: u32) -> i64 {
        self.seconds.before(day) + self.schedule(day).worked_before(sod)
    }

    /// The earliest instant at which the business clock reads `target`.
    fn when_clock_reads(&self, target: i64, from_day: i64) -> Result<(i64, u32), CalendarError> {
        let day = self
            .seconds
            .first_day_reaching(target, from_day)
            .ok_or(CalendarError::NoWorkingTime)?;
        let sod = self.schedule(day).reached_at(target - self.seconds.before(day));
        Ok((day, sod))
    }

    /// The business clock at `t`: working seconds since the calendar's anchor. Differences of two readings are
    /// business time; the SLA timers count on it.
    #[inline]
    pub fn clock_at(&self, t: Instant) -> Result<Shifted<i64>, CalendarError> {
        let (day, sod) = self.local(t);
        if let Some((d, s)) = self.dated(day) {
            return Ok(Shifted {
                at: d.clock + s.worked_before(sod),
                assumed_regular_week: false,
            });
        }
        self.clock_outside_data(day, sod)
    }

    /// [`Calendar::clock_at`] outside the holiday data: kept out of line so the dated path stays small.
    #[cold]
    #[inline(never)]
    fn clock_outside_data(&self, day: i64, sod: u32) -> Result<Shifted<i64>, CalendarError> {
        let assumed = self.covered(day)?;
        Ok(Shifted {
            at: self.business_clock(day, sod),
            assumed_regular_week: assumed,
        })
    }

    /// The earliest instant, not before `not_before`, at which the business clock reads `reading`.
    pub fn when_clock_reads_at(&self, reading: i64, not_before: Instant) -> Result<Shifted, CalendarError> {
        let (day, sod) = self.local(not_before);
        if let Some((d, s)) = self.dated(day) {
            let at = if reading <= d.clock + s.worked_before(sod) {
                Some(Ok(not_before))
            } else {
                self.dated_reaching(reading, day)
            };
            if let Some(at) = at {
                return Ok(Shifted {
                    at: at?,
                    assumed_regular_week: false,
                });
            }
        }
        if reading <= self.business_clock(day, sod) {
            return Ok(Shifted {
                at: not_before,
                assumed_regular_week: self.covered(day)?,
            });
        }
        let (d, s) = self.when_clock_reads(reading, day)?;
        Ok(Shifted {
            at: self.instant(d, s)?,
            assumed_regular_week: self.covered(d)?,
        })
    }

    /// Adds a span: calendar spans as wall-clock time, business spans inside working windows, working days as
    /// whole days (see the module conventions).
    pub fn add(&self, start: Instant, span: &Span) -> Result<Shifted, CalendarError> {
        match span.basis() {
            Basis::Calendar => Ok(Shifted {
                at: start.plus(span.amount())?,
                assumed_regular_week: false,
            }),
            Basis::Business => self.add_business_seconds(start, span.amount()),
            Basis::WorkingDays => self.add_working_days(start, span.amount()),
        }
    }

    /// The earliest instant by which `seconds` (≥ 0) of working time have passed since `start`.
    pub fn add_business_seconds(&self, start: Instant, seconds: i64) -> Result<Shifted, CalendarError> {
        let (day, sod) = self.local(start);
        if let (Some((d, s)), true) = (self.dated(day), seconds > 0) {
            if let Some(at) = self.dated_reaching(d.clock + s.worked_before(sod) + seconds, day) {
                return Ok(Shifted {
                    at: at?,
                    assumed_regular_week: false,
                });
            }
        }
        let assumed = self.covered(day)?;
        if seconds <= 0 {
            return Ok(Shifted {
                at: start,
                assumed_regular_week: assumed,
            });
        }
        let (d, s) = self.when_clock_reads(self.business_clock(day, sod) + seconds, day)?;
        let at = self.instant(d, s)?;
        Ok(Shifted {
            at,
            assumed_regular_week: assumed | self.covered(d)?,
        })
    }

    /// The earliest instant by which `seconds` (≥ 0) of working time have passed since `start`, the business clock
    /// stopped during `pauses`: wall-clock intervals `[paused, resumed)` in time order, as an SLA timer with
    /// pauses counts. A pause's part before `start` or before the previous resumption is ignored, and a deadline
    /// reached exactly when a pause begins stays there.
    ///
    /// One pass: the clock is read once at `start` and at each pause's ends up to the deadline, and inverted once
    /// at the end — the answer equals adding segment by segment, without inverting the clock per pause.
    pub fn add_business_seconds_paused(
        &self,
        start: Instant,
        seconds: i64,
        pauses: &[(Instant, Instant)],
    ) -> Result<Shifted, CalendarError> {
        if seconds <= 0 {
            return self.add_business_seconds(start, seconds);
        }
        if let Some(at) = self.dated_add_paused(start, seconds, pauses) {
            return Ok(Shifted {
                at: at?,
                assumed_regular_week: false,
            });
        }
        let first = self.clock_at(start)?;
        let (mut from, mut target, mut assumed) = (start, first.at + seconds, first.assumed_regular_week);
        for &(paused, resumed) in pauses {
            let paused = paused.max(from);
            let at_pause = match self.clock_at(paused) {
                Ok(r) => r,
                // A pause outside the holiday data (policy `error`) matters only if the deadline is after it.
                Err(e) => {
                    let due = self.when_clock_reads_at(target, from)?;
                    if due.at > paused {
                        return Err(e);
                    }
                    return Ok(Shifted {
                        at: due.at,
                        assumed_regular_week: assumed | due.assumed_regular_week,
                    });
                }
            };
            if target <= at_pause.at {
                break;
            }
            let resumed = resumed.max(paused);
            let at_resume = self.clock_at(resumed)?;
            target += at_resume.at - at_pause.at;
            assumed |= at_pause.assumed_regular_week | at_resume.assumed_regular_week;
            from = resumed;
        }
        let due = self.when_clock_reads_at(target, from)?;
        Ok(Shifted {
            at: due.at,
            assumed_regular_week: assumed | due.assumed_regular_week,
        })
    }

    /// `n` working days after `start`: the same clock time on the n-th working day after a working day; from a
    /// non-working day, the end (24:00) of the n-th working day after it.
    pub fn add_working_days(&self, start: Instant, n: i64) -> Result<Shifted, CalendarError> {
        let (day, sod) = self.local(start);
        if let (Some((d, s)), Ok(n @ 1..)) = (self.dated(day), usize::try_from(n)) {
            // The k-th working day of the data (1-based), counting the start day when it is one.
            let working_today = s.total() > 0;
            let k = d.working_days_before as usize + usize::from(working_today) + n;
            if let Some(&i) = self.working.get(k - 1) {
                let found = self.anchor + i64::from(i);
                let (found, sod) = if working_today { (found, sod) } else { (found + 1, 0) };
                let inside = found - self.anchor < self.dated.len() as i64;
                return Ok(Shifted {
                    at: self.instant(found, sod)?,
                    assumed_regular_week: !inside && self.covered(found)?,
                });
            }
        }
        let assumed = self.covered(day)?;
        if n <= 0 {
            return Ok(Shifted {
                at: start,
                assumed_regular_week: assumed,
            });
        }
        let target = self.working_days.before(day + 1) + n;
        let d = self
            .working_days
            .first_day_reaching(target, day)
            .ok_or(CalendarError::NoWorkingTime)?;
        let (d, sod) = if self.is_working_day_number(day) {
            (d, sod)
        } else {
            (d + 1, 0)
        };
        let at = self.instant(d, sod)?;
        Ok(Shifted {
            at,
            assumed_regular_week: assumed | self.covered(d)?,
        })
    }

    /// Working seconds between `a` and `b` (negative when `b` is before `a`), and whether the regular week was assumed.
    pub fn business_seconds_between(&self, a: Instant, b: Instant) -> Result<(i64, bool), CalendarError> {
        let ((da, sa), (db, sb)) = (self.local(a), self.local(b));
        let assumed = self.covered(da)? | self.covered(db)?;
        Ok((self.business_clock(db, sb) - self.business_clock(da, sa), assumed))
    }

    /// Whether `t` is inside a working window of a working day.
    pub fn is_working(&self, t: Instant) -> Result<(bool, bool), CalendarError> {
        let (day, sod) = self.local(t);
        let assumed = self.covered(day)?;
        Ok((self.schedule(day).contains(sod), assumed))
    }

    /// The first instant at or after `t` that is working time.
    pub fn next_working(&self, t: Instant) -> Result<Shifted, CalendarError> {
        let (day, sod) = self.local(t);
        let assumed = self.covered(day)?;
        if self.schedule(day).contains(sod) {
            return Ok(Shifted {
                at: t,
                assumed_regular_week: assumed,
            });
        }
        // One second after the next working second is where the clock first reads one more than now.
        let (d, s) = self.when_clock_reads(self.business_clock(day, sod) + 1, day)?;
        let at = self.instant(d, s - 1)?;
        Ok(Shifted {
            at,
            assumed_regular_week: assumed | self.covered(d)?,
        })
    }

    /// Whether a date is a working day (has working windows).
    pub fn is_working_day(&self, day: DayNumber) -> Result<bool, CalendarError> {
        let day = i64::from(day);
        if let Some(d) = usize::try_from(day - self.anchor).ok().and_then(|i| self.table.get(i)) {
            return Ok(d.schedule != 0); // schedule 0 is the empty one
        }
        self.covered(day)?;
        Ok(self.is_working_day_number(day))
    }

    fn is_working_day_number(&self, day: i64) -> bool {
        self.schedule(day).total() > 0
    }

    /// Everything the calendar knows about a date.
    pub fn day(&self, day: DayNumber) -> Result<DayInfo, CalendarError> {
        let assumed = self.covered(i64::from(day))?;
        let entry = self.day_entry(i64::from(day));
        let schedule = &self.schedules[usize::from(entry.schedule)];
        Ok(DayInfo {
            date: time::format_date(day),
            weekday: WEEKDAYS[time::weekday(day)],
            kind: entry.kind,
            working: schedule.total() > 0,
            name: entry.name.and_then(|i| self.names.get(usize::from(i)).cloned()),
            windows: schedule.describe(),
            working_seconds: schedule.total(),
            assumed_regular_week: assumed,
        })
    }
}

fn regular_day(week: &[u8; 7], day: DayNumber) -> Day {
    let schedule = week[time::weekday(day)];
    let kind = if schedule == 0 {
        DayKind::Weekend
    } else {
        DayKind::Workday
    };
    Day {
        schedule,
        kind,
        name: None,
    }
}

/// The compiled calendars and holiday sets of a handbook.
#[derive(Debug, Default)]
pub struct Calendars {
    by_id: HashMap<String, Arc<Calendar>>,
    /// Calendars defined but refused: references to them are not reported again.
    refused: Vec<String>,
    sets: BTreeMap<String, HolidaySet>,
    /// Each compiled calendar's source, by id (sorted), for [`Calendars::rules`].
    sources: BTreeMap<String, Source>,
}

impl Calendars {
    /// A calendar by id.
    pub fn get(&self, id: &str) -> Result<&Calendar, CalendarError> {
        self.by_id
            .get(id)
            .map(|c| &**c)
            .ok_or_else(|| CalendarError::Unknown(id.to_string()))
    }

    /// Resolves a reference from another section of the handbook, reporting `calendar.unknown` at `path` when
    /// no calendar has that id. A calendar that is defined but was refused yields `None` without a second
    /// report: its own problems are already listed.
    pub fn reference(&self, id: &str, path: &str, d: &mut Diagnostics) -> Option<&Arc<Calendar>> {
        let found = self.by_id.get(id);
        if found.is_none() && !self.refused.iter().any(|r| r == id) {
            d.error("calendar.unknown", path, format!("no calendar `{id}` in calendars"));
        }
        found
    }

    /// Compiles a calendar given inline (e.g. in a request) against the handbook's holiday sets.
    pub fn compile_inline(&self, doc: &CalendarDoc, path: &str) -> Result<Calendar, crate::Problem> {
        let mut d = Diagnostics::default();
        match Calendar::compile(doc, &self.sets, path, &mut d) {
            Some(c) if d.is_empty() => Ok(c),
            _ => Err(d.into_problems().into_iter().next().unwrap_or_else(|| {
                crate::Problem::new("calendar.invalid", "the calendar could not be compiled").at(path)
            })),
        }
    }

    /// The rules of this section: each holiday set (`holiday_set.<id>`) and each calendar (`calendar.<id>`).
    pub fn rules(&self) -> Vec<crate::handbook::Rule> {
        use crate::handbook::Rule;
        let sets = self
            .sets
            .values()
            .map(|s| Rule::new(format!("holiday_set.{}", s.id), &s.source, None));
        let calendars = self
            .sources
            .iter()
            .map(|(id, source)| Rule::new(format!("calendar.{id}"), source, None));
        sets.chain(calendars).collect()
    }

    /// Ids of all calendars, sorted.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.by_id.keys().map(String::as_str).collect();
        ids.sort_unstable();
        ids
    }
}

/// Compiles the `holiday_sets` and `calendars` members of a handbook.
pub fn compile(holiday_sets: Option<&Value>, calendars: Option<&Value>, d: &mut Diagnostics) -> Calendars {
    let sets = holidays::compile(holiday_sets, d);
    let mut by_id = HashMap::new();
    let mut refused = Vec::new();
    let mut sources = BTreeMap::new();
    match calendars {
        None => d.error(
            "handbook.missing_field",
            "calendars",
            "the handbook needs at least one calendar",
        ),
        Some(value) => {
            for (path, id, doc) in d.parse_members::<CalendarDoc>(value, "calendars") {
                match &doc.source {
                    Some(source) => source.validate(&format!("{path}.source"), d),
                    None => d.error(
                        "handbook.missing_source",
                        &path,
                        "every handbook rule says where it comes from",
                    ),
                }
                match Calendar::compile(&doc, &sets, &path, d) {
                    Some(c) => {
                        if let Some(source) = doc.source {
                            sources.insert(id.clone(), source);
                        }
                        by_id.insert(id, Arc::new(c));
                    }
                    None => refused.push(id),
                }
            }
        }
    }
    Calendars {
        by_id,
        refused,
        sets,
        sources,
    }
}

#[cfg(test)]
mod tests;
