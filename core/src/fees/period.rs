//! Billing periods and the day-count rule (计费天数): how many months a period is, exactly, as a fraction.

use crate::time::{civil, day_number, DayNumber};

use super::FeeError;

/// A billing period from its first to its last date, both included (`2025-01-01 … 2025-01-31` is one month).
/// Its length in months is computed once, when it is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    from: DayNumber,
    to: DayNumber,
    months: Ratio,
}

/// An exact fraction `num / den` (den > 0), e.g. 15/31 of a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub num: i64,
    pub den: i64,
}

impl Ratio {
    pub const ONE: Ratio = Ratio { num: 1, den: 1 };

    fn reduced(num: i64, den: i64) -> Ratio {
        let g = gcd(num.unsigned_abs(), den.unsigned_abs()).max(1) as i64;
        Ratio {
            num: num / g,
            den: den / g,
        }
    }

    /// Whether this is at least `n` whole units.
    pub fn at_least(self, n: u32) -> bool {
        i128::from(self.num) >= i128::from(n) * i128::from(self.den)
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> i64 {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    i64::from(day_number(ny, nm, 1) - day_number(year, month, 1))
}

/// The first and last day fee arithmetic accepts (1900-01-01 and 9999-12-31, like [`crate::time::Instant`]).
pub const FIRST_DAY: DayNumber = -25_567;
pub const LAST_DAY: DayNumber = 2_932_896;

/// Checks a day is within [`FIRST_DAY`]..=[`LAST_DAY`], so date arithmetic never leaves its exact range.
pub fn check_day(day: DayNumber) -> Result<DayNumber, FeeError> {
    if (FIRST_DAY..=LAST_DAY).contains(&day) {
        Ok(day)
    } else {
        Err(FeeError::DateOutOfRange)
    }
}

impl Period {
    /// A period; refused if it ends before it starts or leaves the supported dates.
    pub fn new(from: DayNumber, to: DayNumber) -> Result<Period, FeeError> {
        check_day(from)?;
        check_day(to)?;
        if to < from {
            return Err(FeeError::PeriodReversed);
        }
        Ok(Period {
            from,
            to,
            months: months_between(from, to),
        })
    }

    pub fn from(self) -> DayNumber {
        self.from
    }

    pub fn to(self) -> DayNumber {
        self.to
    }

    /// Days in the period, both ends included.
    pub fn days(self) -> i64 {
        i64::from(self.to) - i64::from(self.from) + 1
    }

    /// The period's length in months by the day-count rule `actual_days_of_month`: each calendar month touched
    /// counts `days of the period in it / days in that month`; whole months count exactly 1.
    #[inline]
    pub fn months(self) -> Ratio {
        self.months
    }
}

fn months_between(from: DayNumber, to: DayNumber) -> Ratio {
    {
        let (y1, m1, d1) = civil(from);
        let (y2, m2, d2) = civil(to);
        let n1 = days_in_month(y1, m1);
        if (y1, m1) == (y2, m2) {
            return Ratio::reduced(i64::from(d2) - i64::from(d1) + 1, n1);
        }
        let n2 = days_in_month(y2, m2);
        let first = n1 - i64::from(d1) + 1;
        let last = i64::from(d2);
        let between = (i64::from(y2) * 12 + i64::from(m2)) - (i64::from(y1) * 12 + i64::from(m1)) - 1;
        Ratio::reduced(between * n1 * n2 + first * n2 + last * n1, n1 * n2)
    }
}

/// Parses a strict `YYYY-MM-DD` (years 1000–9999) without a format engine: the protocol's hot path.
/// `None` for anything else (the caller then reports the error with the general parser's message).
pub fn parse_ymd(s: &str) -> Option<DayNumber> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?
            .iter()
            .try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if y < 1000 || !(1..=12).contains(&m) || d == 0 || i64::from(d) > days_in_month(y as i32, m) {
        return None;
    }
    Some(day_number(y as i32, m, d))
}

/// The date `months` calendar months after `day` (the day of month clamped to the target month's length).
pub fn add_months(day: DayNumber, months: u32) -> DayNumber {
    let (y, m, d) = civil(day);
    let total = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(months);
    let (ny, nm) = (total.div_euclid(12) as i32, total.rem_euclid(12) as u32 + 1);
    let nd = (d as i64).min(days_in_month(ny, nm)) as u32;
    day_number(ny, nm, nd)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_date;

    fn p(a: &str, b: &str) -> Period {
        Period::new(parse_date(a).unwrap(), parse_date(b).unwrap()).unwrap()
    }

    #[test]
    fn months_by_actual_days_of_month() {
        assert_eq!(p("2025-01-01", "2025-01-31").months(), Ratio::ONE);
        assert_eq!(p("2025-02-01", "2025-02-28").months(), Ratio::ONE);
        assert_eq!(p("2025-01-17", "2025-01-31").months(), Ratio { num: 15, den: 31 });
        assert_eq!(p("2025-01-01", "2025-12-31").months(), Ratio { num: 12, den: 1 });
        // 15/31 of January + 14/28 of February = 15/31 + 1/2.
        assert_eq!(p("2025-01-17", "2025-02-14").months(), Ratio { num: 61, den: 62 });
        assert_eq!(p("2024-02-10", "2024-02-10").months(), Ratio { num: 1, den: 29 });
        assert_eq!(
            Period::new(parse_date("2025-02-01").unwrap(), parse_date("2025-01-31").unwrap()),
            Err(FeeError::PeriodReversed)
        );
    }

    #[test]
    fn strict_dates_parse_fast_and_agree_with_the_general_parser() {
        for s in ["2025-01-31", "2024-02-29", "1999-12-31", "9999-12-31"] {
            assert_eq!(parse_ymd(s), Some(parse_date(s).unwrap()), "{s}");
        }
        for s in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-1-01",
            "20250101",
            "2025-01-32",
            "0999-01-01",
            "2025-01-0a",
        ] {
            assert_eq!(parse_ymd(s), None, "{s}");
        }
    }

    #[test]
    fn the_supported_days_are_1900_to_9999() {
        assert_eq!(FIRST_DAY, parse_date("1900-01-01").unwrap());
        assert_eq!(LAST_DAY, parse_date("9999-12-31").unwrap());
        assert_eq!(Period::new(FIRST_DAY - 1, 0), Err(FeeError::DateOutOfRange));
        assert_eq!(Period::new(0, i32::MAX), Err(FeeError::DateOutOfRange));
    }

    #[test]
    fn adding_months_clamps_the_day() {
        let d = |s| parse_date(s).unwrap();
        assert_eq!(add_months(d("2025-01-31"), 1), d("2025-02-28"));
        assert_eq!(add_months(d("2024-08-31"), 6), d("2025-02-28"));
        assert_eq!(add_months(d("2024-12-15"), 13), d("2026-01-15"));
    }
}
