//! The clock a goal runs on: wall time, or a calendar's business clock (working seconds only).

use crate::calendar::{Calendar, CalendarError};
use crate::time::Instant;

/// Reads and inverts a goal's clock; records whether any answer assumed the regular week.
///
/// One clock serves every goal of a report: goals of a cycle start at the same instant and mostly share a
/// calendar, so the reading at a run's start is remembered (`read_start`) until the calendar changes.
pub(crate) struct Clock<'a> {
    calendar: Option<&'a Calendar>,
    start: Option<(Instant, i64)>,
    pub(crate) assumed_regular_week: bool,
}

impl<'a> Clock<'a> {
    /// Wall time when `calendar` is `None`, else the calendar's business clock.
    pub(crate) fn new(calendar: Option<&'a Calendar>) -> Self {
        Clock {
            calendar,
            start: None,
            assumed_regular_week: false,
        }
    }

    /// Switches to another goal's clock; the remembered start reading survives only on the same calendar.
    pub(crate) fn switch(&mut self, calendar: Option<&'a Calendar>) {
        let same = match (self.calendar, calendar) {
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        if !same {
            self.calendar = calendar;
            self.start = None;
        }
    }

    /// The clock's reading at `t`; differences of readings are elapsed time on this clock.
    #[inline]
    pub(crate) fn read(&mut self, t: Instant) -> Result<i64, CalendarError> {
        match self.calendar {
            None => Ok(t.0),
            Some(c) => {
                let r = c.clock_at(t)?;
                self.assumed_regular_week |= r.assumed_regular_week;
                Ok(r.at)
            }
        }
    }

    /// [`Clock::read`] at a run's start, remembered for the next goal starting at the same instant.
    pub(crate) fn read_start(&mut self, t: Instant) -> Result<i64, CalendarError> {
        match self.start {
            Some((at, reading)) if at == t => Ok(reading),
            _ => {
                let reading = self.read(t)?;
                self.start = Some((t, reading));
                Ok(reading)
            }
        }
    }

    /// The earliest instant not before `not_before` at which the clock reads `reading`.
    pub(crate) fn when(&mut self, reading: i64, not_before: Instant) -> Result<Instant, CalendarError> {
        match self.calendar {
            None => Ok(Instant::new(reading)?.max(not_before)),
            Some(c) => {
                let r = c.when_clock_reads_at(reading, not_before)?;
                self.assumed_regular_week |= r.assumed_regular_week;
                Ok(r.at)
            }
        }
    }

    pub(crate) fn calendar(&self) -> Option<&'a Calendar> {
        self.calendar
    }
}
