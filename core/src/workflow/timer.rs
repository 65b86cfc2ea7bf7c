//! Timers on states (时限): "review within 3 working days", "rectify within 7 days".
//!
//! A timer starts when its state is entered and is due after its span on its named calendar. The deadline is
//! computed in one place, [`due`], by the calendar's own arithmetic, so SLA and workflows share one timer model.

use serde::{Deserialize, Serialize};

use super::error::WorkflowError;
use crate::calendar::Calendars;
use crate::handbook::Source;
use crate::time::Instant;

/// A duration as the handbook and the protocol write it (the common duration JSON).
///
/// Interim stand-in for `crate::calendar::Span` until the calendar lands; same JSON shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Span {
    Hours(u32),
    Minutes(u32),
    Days(u32),
    BusinessHours(u32),
    BusinessMinutes(u32),
    WorkingDays(u32),
}

/// A compiled timer of one state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timer {
    /// How long the state may last.
    pub within: Span,
    /// The calendar the span is counted on (`office`).
    pub calendar: String,
    /// The role that must act before the deadline.
    pub responsible: String,
    pub source: Source,
}

/// The deadline of `timer` started at `start`: the one place a workflow deadline is computed.
pub(crate) fn due(_calendars: &Calendars, timer: &Timer, start: Instant) -> Result<Instant, WorkflowError> {
    // Interim until `Calendar::add` lands on main: calendar-time spans only.
    let seconds = match timer.within {
        Span::Minutes(n) => i64::from(n) * 60,
        Span::Hours(n) => i64::from(n) * 3600,
        Span::Days(n) => i64::from(n) * crate::time::DAY,
        Span::BusinessHours(_) | Span::BusinessMinutes(_) | Span::WorkingDays(_) => {
            return Err(WorkflowError::UnknownCalendar(timer.calendar.clone()))
        }
    };
    start.plus(seconds).map_err(|_| WorkflowError::TimerOutOfRange)
}
