//! Instants and UTC offsets at the boundary: RFC 3339 strings in, RFC 3339 strings out, seconds inside.
//!
//! The core never reads a clock: every "now" is an [`Instant`] the caller passes in.

use crate::error::Coded;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Offset as _, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Earliest and latest instants the library accepts (1900-01-01 and 9999-12-31 UTC): wide enough for any
/// property record, narrow enough that every arithmetic step stays far from `i64` limits.
pub const MIN_INSTANT: i64 = -2_208_988_800;
pub const MAX_INSTANT: i64 = 253_402_300_799;

/// A point in time, as whole seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub i64);

/// Why a time value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("`{0}` has no UTC offset; write it as RFC 3339 with an offset, e.g. 2025-01-27T10:00:00+08:00")]
    MissingOffset(String),
    #[error("`{0}` is not an RFC 3339 instant (e.g. 2025-01-27T10:00:00+08:00)")]
    Invalid(String),
    #[error("`{0}` has fractional seconds; wuye counts whole seconds")]
    SubSecond(String),
    #[error("instant is outside the supported range 1900-01-01 .. 9999-12-31")]
    OutOfRange,
    #[error("`{0}` is not a date (YYYY-MM-DD)")]
    InvalidDate(String),
    #[error("`{0}` is not a UTC offset (e.g. +08:00)")]
    InvalidOffset(String),
    /// RFC 3339 allows second 60; wuye counts Unix seconds, which have none.
    #[error("`{0}` is a leap second; wuye counts time without leap seconds")]
    LeapSecond(String),
    #[error("`{0}` is outside the supported range 1900-01-01 .. 9999-12-31")]
    DateOutOfRange(String),
}

impl Coded for TimeError {
    fn code(&self) -> &'static str {
        match self {
            TimeError::MissingOffset(_) => "time.missing_offset",
            TimeError::Invalid(_) => "time.invalid_instant",
            TimeError::SubSecond(_) => "time.sub_second",
            TimeError::OutOfRange => "time.out_of_range",
            TimeError::InvalidDate(_) => "time.invalid_date",
            TimeError::InvalidOffset(_) => "time.invalid_offset",
            TimeError::LeapSecond(_) => "time.invalid_instant",
            TimeError::DateOutOfRange(_) => "time.out_of_range",
        }
    }
}

impl Instant {
    /// Checks the supported range.
    pub fn new(unix_seconds: i64) -> Result<Instant, TimeError> {
        if (MIN_INSTANT..=MAX_INSTANT).contains(&unix_seconds) {
            Ok(Instant(unix_seconds))
        } else {
            Err(TimeError::OutOfRange)
        }
    }

    /// Parses RFC 3339 with an explicit offset (`Z` counts); whole seconds only.
    pub fn parse(s: &str) -> Result<Instant, TimeError> {
        match parse_everyday(s) {
            Some(seconds) => Instant::new(seconds),
            None => Instant::parse_any(s),
        }
    }

    /// Every form RFC 3339 allows (lower-case separators, fractions, leap seconds), and the error for the rest.
    fn parse_any(s: &str) -> Result<Instant, TimeError> {
        match DateTime::parse_from_rfc3339(s) {
            Ok(dt) => {
                // chrono encodes second 60 as a nanosecond count past one second.
                if dt.timestamp_subsec_nanos() >= 1_000_000_000 {
                    return Err(TimeError::LeapSecond(s.to_string()));
                }
                if dt.timestamp_subsec_nanos() != 0 {
                    return Err(TimeError::SubSecond(s.to_string()));
                }
                Instant::new(dt.timestamp())
            }
            Err(_) => {
                let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
                    .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S"));
                if naive.is_ok() {
                    Err(TimeError::MissingOffset(s.to_string()))
                } else {
                    Err(TimeError::Invalid(s.to_string()))
                }
            }
        }
    }

    /// The same instant as a chrono value in `offset`.
    pub fn to_datetime(self, offset: Offset) -> DateTime<FixedOffset> {
        // In range by construction, so the conversion cannot fail; fall back to the epoch defensively.
        DateTime::<Utc>::from_timestamp(self.0, 0)
            .unwrap_or_default()
            .with_timezone(&offset.fixed())
    }

    /// RFC 3339 text in `offset`, e.g. `2025-02-07T10:00:00+08:00`.
    pub fn format(self, offset: Offset) -> String {
        let mut text = [0; RFC3339_LEN];
        if let Some(s) = self.write_rfc3339(offset, &mut text) {
            return s.to_string();
        }
        // The local year 10000 (the last supported instants, east of UTC).
        let local = self.0 + i64::from(offset.0);
        let (day, sod) = (local.div_euclid(DAY), local.rem_euclid(DAY));
        let (y, m, d) = civil(day as DayNumber);
        let (sign, a) = (if offset.0 < 0 { '-' } else { '+' }, offset.0.unsigned_abs());
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            sod / 3600,
            sod % 3600 / 60,
            sod % 60,
            a / 3600,
            a % 3600 / 60
        )
    }

    /// [`Instant::format`] into a buffer on the stack (every answer of the protocol writes instants); `None` for a
    /// local year past 9999.
    fn write_rfc3339(self, offset: Offset, text: &mut [u8; RFC3339_LEN]) -> Option<&str> {
        let local = self.0 + i64::from(offset.0);
        let (day, sod) = (local.div_euclid(DAY), local.rem_euclid(DAY) as u32);
        let (y, m, d) = civil(day as DayNumber);
        let y = u32::try_from(y).ok().filter(|y| *y <= 9999)?;
        let a = offset.0.unsigned_abs();
        let sign = if offset.0 < 0 { b'-' } else { b'+' };
        let fields = [
            (0, y / 100),
            (2, y % 100),
            (5, m),
            (8, d),
            (11, sod / 3600),
            (14, sod % 3600 / 60),
            (17, sod % 60),
            (20, a / 3600),
            (23, a % 3600 / 60),
        ];
        for (at, v) in fields {
            text[at] = b'0' + (v / 10 % 10) as u8;
            text[at + 1] = b'0' + (v % 10) as u8;
        }
        for (at, sep) in [
            (4, b'-'),
            (7, b'-'),
            (10, b'T'),
            (13, b':'),
            (16, b':'),
            (19, sign),
            (22, b':'),
        ] {
            text[at] = sep;
        }
        std::str::from_utf8(text).ok()
    }

    /// Adds seconds, refusing results outside the supported range.
    pub fn plus(self, seconds: i64) -> Result<Instant, TimeError> {
        self.0
            .checked_add(seconds)
            .ok_or(TimeError::OutOfRange)
            .and_then(Instant::new)
    }
}

/// Length of `2025-02-07T10:00:00+08:00`.
const RFC3339_LEN: usize = 25;

/// The everyday form `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM`, read without chrono (every request carries
/// instants); `None` for anything else, which [`Instant::parse`] hands to chrono.
fn parse_everyday(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let two = |at: usize| -> Option<u32> {
        let (hi, lo) = (b.get(at)?.wrapping_sub(b'0'), b.get(at + 1)?.wrapping_sub(b'0'));
        (hi < 10 && lo < 10).then_some(u32::from(hi) * 10 + u32::from(lo))
    };
    let shape = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if !shape.iter().all(|&(at, c)| b.get(at) == Some(&c)) {
        return None;
    }
    let year = i32::try_from(two(0)? * 100 + two(2)?).ok()?;
    let (month, day) = (two(5)?, two(8)?);
    let (hour, minute, second) = (two(11)?, two(14)?, two(17)?);
    if !(1..=12).contains(&month) || day == 0 || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let date = day_number(year, month, day);
    if civil(date) != (year, month, day) {
        return None; // 31 April, 29 February of a common year
    }
    let offset = match (b.len(), b.get(19)) {
        (20, Some(b'Z')) => 0,
        (25, Some(&sign @ (b'+' | b'-'))) if b[22] == b':' => {
            let (h, m) = (two(20)?, two(23)?);
            if h > 23 || m > 59 {
                return None;
            }
            let east = i64::from(h * 3600 + m * 60);
            if sign == b'-' {
                -east
            } else {
                east
            }
        }
        _ => return None,
    };
    Some(i64::from(date) * DAY + i64::from(hour * 3600 + minute * 60 + second) - offset)
}

/// An instant shown in a given local offset (answers are written in the handbook's local time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Local(pub Instant, pub Offset);

impl Serialize for Local {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut text = [0; RFC3339_LEN];
        match self.0.write_rfc3339(self.1, &mut text) {
            Some(t) => s.serialize_str(t),
            None => s.serialize_str(&self.0.format(self.1)),
        }
    }
}

impl<Tz: chrono::TimeZone> From<DateTime<Tz>> for Instant {
    fn from(dt: DateTime<Tz>) -> Self {
        Instant(dt.timestamp())
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.format(Offset::UTC))
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// Reads the text where it lies (no copy into a `String`).
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Instant;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Instant, E> {
                Instant::parse(s).map_err(crate::error::coded)
            }
        }
        d.deserialize_str(Text)
    }
}

/// A fixed UTC offset in seconds east of UTC (China: +08:00, no daylight saving).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Offset(i32);

impl Offset {
    pub const UTC: Offset = Offset(0);
    /// China Standard Time, the default local offset of a handbook.
    pub const CHINA: Offset = Offset(8 * 3600);

    pub fn seconds(self) -> i32 {
        self.0
    }

    pub fn fixed(self) -> FixedOffset {
        FixedOffset::east_opt(self.0).unwrap_or_else(|| Utc.fix())
    }

    /// Parses `+08:00`, `-05:30` or `Z`.
    pub fn parse(s: &str) -> Result<Offset, TimeError> {
        let bad = || TimeError::InvalidOffset(s.to_string());
        if s == "Z" {
            return Ok(Offset::UTC);
        }
        let b = s.as_bytes();
        if b.len() != 6 || b[3] != b':' || !(b[0] == b'+' || b[0] == b'-') {
            return Err(bad());
        }
        let h: i32 = s[1..3].parse().map_err(|_| bad())?;
        let m: i32 = s[4..6].parse().map_err(|_| bad())?;
        if h > 23 || m > 59 {
            return Err(bad());
        }
        let secs = h * 3600 + m * 60;
        Ok(Offset(if b[0] == b'-' { -secs } else { secs }))
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        let a = self.0.abs();
        write!(f, "{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
    }
}

impl Serialize for Offset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Offset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Offset::parse(&s).map_err(crate::error::coded)
    }
}

/// A civil date as days since 1970-01-01 (negative before), the calendar's unit of lookup.
pub type DayNumber = i32;

/// Days since 1970-01-01 of a date, by Howard Hinnant's `days_from_civil` (exact for the whole proleptic
/// Gregorian calendar, no loops, no tables).
pub fn day_number(year: i32, month: u32, day: u32) -> DayNumber {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number: `(year, month, day)`.
pub fn civil(day: DayNumber) -> (i32, u32, u32) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

/// Day of the week, Monday = 0 … Sunday = 6.
pub fn weekday(day: DayNumber) -> usize {
    // 1970-01-01 was a Thursday (3).
    (day + 3).rem_euclid(7) as usize
}

/// Parses `YYYY-MM-DD` (exactly: zero-padded, four-digit year) into a day number in the supported range.
pub fn parse_date(s: &str) -> Result<DayNumber, TimeError> {
    let shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape {
        return Err(TimeError::InvalidDate(s.to_string()));
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| TimeError::InvalidDate(s.to_string()))?;
    let day = date_to_day(d);
    let (first, last) = (MIN_INSTANT.div_euclid(DAY), MAX_INSTANT.div_euclid(DAY));
    if !(first..=last).contains(&i64::from(day)) {
        return Err(TimeError::DateOutOfRange(s.to_string()));
    }
    Ok(day)
}

/// A chrono date as a day number.
pub fn date_to_day(d: NaiveDate) -> DayNumber {
    use chrono::Datelike;
    // Day 1 of the common era is 0001-01-01; 1970-01-01 is its day 719,163.
    d.num_days_from_ce() - 719_163
}

/// `YYYY-MM-DD` of a day number.
pub fn format_date(day: DayNumber) -> String {
    let (y, m, d) = civil(day);
    match u32::try_from(y) {
        // Digits by hand: answers write many dates, and `format!` costs several times more.
        Ok(y) if y <= 9999 => {
            let mut text = String::with_capacity(10);
            for (sep, v) in [(None, y / 100), (None, y % 100), (Some('-'), m), (Some('-'), d)] {
                text.extend(sep);
                text.push(char::from(b'0' + (v / 10) as u8));
                text.push(char::from(b'0' + (v % 10) as u8));
            }
            text
        }
        _ => format!("{y:04}-{m:02}-{d:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_formats_in_an_offset() {
        let t = Instant::parse("2025-01-24T17:00:00+08:00").unwrap();
        assert_eq!(t.format(Offset::CHINA), "2025-01-24T17:00:00+08:00");
        assert_eq!(t.format(Offset::UTC), "2025-01-24T09:00:00+00:00");
        assert_eq!(Instant::parse("2025-01-24T09:00:00Z").unwrap(), t);
        assert_eq!(Instant::parse("2025-01-24T09:00:00.000Z").unwrap(), t);
    }

    #[test]
    fn refuses_what_it_cannot_read_exactly() {
        use crate::error::Coded;
        let code = |s: &str| Instant::parse(s).unwrap_err().code();
        assert_eq!(code("2025-01-24T17:00:00"), "time.missing_offset");
        assert_eq!(code("2025-01-24 17:00"), "time.invalid_instant");
        assert_eq!(code("2025-01-24T17:00:00.5+08:00"), "time.sub_second");
        assert_eq!(code("1800-01-01T00:00:00Z"), "time.out_of_range");
        assert_eq!(code("2016-12-31T23:59:60Z"), "time.invalid_instant");
        let date = |s: &str| parse_date(s).map_err(|e| e.code());
        assert_eq!(date("2025-1-1"), Err("time.invalid_date"));
        assert_eq!(date("+2025-01-01"), Err("time.invalid_date"));
        assert_eq!(date("0000-01-01"), Err("time.out_of_range"));
        assert_eq!(date("1899-12-31"), Err("time.out_of_range"));
        assert_eq!(date("1900-01-01"), Ok(day_number(1900, 1, 1)));
        assert_eq!(date("9999-12-31"), Ok(day_number(9999, 12, 31)));
    }

    #[test]
    fn offsets_round_trip() {
        for s in ["+08:00", "-05:30", "+00:00"] {
            assert_eq!(Offset::parse(s).unwrap().to_string(), s);
        }
        assert!(Offset::parse("+8").is_err());
        assert!(Offset::parse("+24:00").is_err());
    }

    #[test]
    fn known_day_numbers() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2025, 1, 1), 20089);
        assert_eq!(weekday(day_number(2025, 1, 27)), 0); // a Monday
        assert_eq!(format_date(day_number(2026, 2, 28)), "2026-02-28");
    }

    proptest! {
        #[test]
        fn formats_as_chrono_does(t in MIN_INSTANT..=MAX_INSTANT, minutes in -1439i32..1440) {
            let offset = Offset(minutes * 60);
            let chrono = Instant(t).to_datetime(offset).format("%Y-%m-%dT%H:%M:%S%:z").to_string();
            prop_assert_eq!(Instant(t).format(offset), chrono);
        }

        #[test]
        fn the_everyday_form_reads_as_chrono_reads_it(
            y in 1890u32..10010, m in 0u32..14, d in 0u32..33, h in 0u32..25, mi in 0u32..61, sec in 0u32..61,
            zone in prop::sample::select(vec!["Z", "z", "+08:00", "-05:30", "+23:59", "+24:00", "-00:00", "+8:00"]),
            sep in prop::sample::select(vec!["T", "t", " "]),
        ) {
            let text = format!("{y:04}-{m:02}-{d:02}{sep}{h:02}:{mi:02}:{sec:02}{zone}");
            prop_assert_eq!(Instant::parse(&text), Instant::parse_any(&text), "{}", text);
        }

        #[test]
        fn dates_format_as_format_does(day in -1_000_000i32..3_000_000) {
            let (y, m, d) = civil(day);
            prop_assert_eq!(format_date(day), format!("{y:04}-{m:02}-{d:02}"));
        }

        #[test]
        fn formatting_agrees_with_chrono(t in MIN_INSTANT..=MAX_INSTANT, east in -86_399i32..86_400) {
            let offset = Offset(east / 60 * 60);
            let chrono = Instant(t).to_datetime(offset).format("%Y-%m-%dT%H:%M:%S%:z").to_string();
            prop_assert_eq!(Instant(t).format(offset), chrono.trim_start_matches('+'));
        }

        #[test]
        fn civil_round_trips_against_chrono(day in -100_000i32..3_000_000) {
            let (y, m, d) = civil(day);
            prop_assert_eq!(day_number(y, m, d), day);
            let c = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(day as i64);
            prop_assert_eq!(date_to_day(c), day);
            use chrono::Datelike;
            prop_assert_eq!(weekday(day), c.weekday().num_days_from_monday() as usize);
        }
    }
}
