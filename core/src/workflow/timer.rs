//! Timers on states (时限): "review within 3 working days", "rectify within 7 days".
//!
//! A timer starts when its state is entered and is due after its span on its named calendar. The deadline is
//! computed in one place, [`due`], by the calendar's own arithmetic (`Calendar::add`), so SLA timers and
//! workflow timers share one model.

use super::error::WorkflowError;
use crate::calendar::{Calendars, Shifted, Span};
use crate::handbook::Source;
use crate::time::Instant;

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
pub(crate) fn due(calendars: &Calendars, timer: &Timer, start: Instant) -> Result<Shifted, WorkflowError> {
    let calendar = calendars.get(&timer.calendar)?;
    Ok(calendar.add(start, &timer.within)?)
}
