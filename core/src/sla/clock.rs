//! The clock a goal runs on: wall time, or a calendar's business clock (working seconds only).

use crate::calendar::{Calendar, CalendarError};
use crate::time::Instant;

/// Reads and inverts a goal's clock; records whether any answer assumed the regular week.
pub(crate) struct Clock<'a> {
    calendar: Option<&'a Calendar>,
    pub(crate) assumed_regular_week: bool,
}

impl<'a> Clock<'a> {
    /// Wall time when `calendar` is `None`, else the calendar's business clock.
    pub(crate) fn new(calendar: Option<&'a Calendar>) -> Self {
        Clock {
            calendar,
            assumed_regular_week: false,
        }
    }

    /// The clock's reading at `t`; differences of readings are elapsed time on this clock.
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
