//! SLA timers (服务时限): the handbook's promises to owners — minor repairs at once, major repairs within three
//! days, complaints within 24 hours and a return visit after (§2.2.1, §2.2.10) — as timers a PMS can trust.
//!
//! Evaluation is pure: (policies, a ticket's events, `now`) → per goal its state, due instant, warnings,
//! escalations and obligations, plus `next_change_at` so a host sets one timer instead of polling.

mod clock;
mod evaluate;
mod kpi;
mod policy;
mod ticket;

pub use evaluate::{
    EscalationDue, EscalationReport, GoalReport, GoalState, OpenObligation, TicketReport, TicketState, Warning,
};
pub use kpi::{Kpi, KpiGroup, SatisfactionKpi};
pub use policy::{
    compile, Escalation, EscalationDoc, Goal, GoalDoc, Kind, KindDoc, Measure, Obligation, Satisfaction,
    SatisfactionDoc, Section, SlaDoc, Trigger,
};
pub use ticket::{Cycle, Ending, Event, Ticket, TicketError, Timeline};

use crate::calendar::CalendarError;
use crate::error::{Coded, Problem};

/// Why a ticket could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlaError {
    /// The event at this index is refused.
    #[error("event {0}: {1}")]
    Event(usize, TicketError),
    /// The ticket itself is refused (e.g. its kind).
    #[error("{0}")]
    Kind(TicketError),
    #[error(transparent)]
    Calendar(CalendarError),
}

impl Coded for SlaError {
    fn code(&self) -> &'static str {
        match self {
            SlaError::Event(_, e) | SlaError::Kind(e) => e.code(),
            SlaError::Calendar(e) => e.code(),
        }
    }
}

impl SlaError {
    /// The problem located inside the ticket's JSON (`events[3]`, `kind`).
    pub fn problem(&self) -> Problem {
        let p = Problem::new(self.code(), self.to_string());
        match self {
            SlaError::Event(i, _) => p.at(format!("events[{i}]")),
            SlaError::Kind(_) => p.at("kind"),
            SlaError::Calendar(_) => p,
        }
    }
}

#[cfg(test)]
mod tests;
