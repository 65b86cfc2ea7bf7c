//! Durations as handbooks write them: calendar time, business time, or working days.

use serde::{Deserialize, Serialize};

/// A duration (时限) and the clock it runs on. JSON: exactly one member, e.g. `{"business_hours": 2}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Span {
    /// Wall-clock hours, nights and holidays included (e.g. a 24-hour complaint promise).
    Hours(u32),
    /// Wall-clock minutes.
    Minutes(u32),
    /// Wall-clock days of 24 hours.
    Days(u32),
    /// Hours counted only inside the calendar's working windows (工作时间).
    BusinessHours(u32),
    /// Minutes counted only inside the calendar's working windows.
    BusinessMinutes(u32),
    /// Whole working days (工作日): the same clock time on the N-th working day after the start.
    WorkingDays(u32),
}

/// How a [`Span`] is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Calendar,
    Business,
    WorkingDays,
}

impl Span {
    /// The clock this span runs on.
    pub fn basis(self) -> Basis {
        match self {
            Span::Hours(_) | Span::Minutes(_) | Span::Days(_) => Basis::Calendar,
            Span::BusinessHours(_) | Span::BusinessMinutes(_) => Basis::Business,
            Span::WorkingDays(_) => Basis::WorkingDays,
        }
    }

    /// Length in seconds for calendar and business spans; the day count for working days.
    pub fn amount(self) -> i64 {
        match self {
            Span::Hours(h) | Span::BusinessHours(h) => i64::from(h) * 3600,
            Span::Minutes(m) | Span::BusinessMinutes(m) => i64::from(m) * 60,
            Span::Days(d) => i64::from(d) * 86_400,
            Span::WorkingDays(n) => i64::from(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_as_one_member_objects() {
        let s: Span = serde_json::from_str(r#"{"business_hours": 8}"#).unwrap();
        assert_eq!(s, Span::BusinessHours(8));
        assert_eq!(s.amount(), 28_800);
        assert!(serde_json::from_str::<Span>(r#"{"hours": 1, "days": 1}"#).is_err());
        assert!(serde_json::from_str::<Span>(r#"{"hours": -1}"#).is_err());
        assert!(serde_json::from_str::<Span>(r#"{"hours": 1.5}"#).is_err());
    }
}
