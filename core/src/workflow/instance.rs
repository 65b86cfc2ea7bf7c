//! Event sourcing: an instance's state is the fold of its accepted events. Applying an event either yields the
//! next state or a typed error, and a refused event changes nothing.

use std::collections::BTreeMap;

use super::definition::{Definition, StateId, Transition};
use super::effect::{self, Account, Facts};
use super::error::WorkflowError;
use super::event::Event;
use super::timer::{self, Timer};
use crate::calendar::Calendars;
use crate::error::Coded;
use crate::time::Instant;

/// The state of one workflow instance (a permit, a handover, a key): what the fold of its events gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub state: StateId,
    /// When the current state was entered (`None` in the initial state). A self-transition does not re-enter.
    pub entered_at: Option<Instant>,
    /// When the last accepted event happened.
    pub last_at: Option<Instant>,
    /// How many events were accepted.
    pub events: usize,
    pub facts: Facts,
    pub accounts: BTreeMap<String, Account>,
}

/// A refused event of a history, with its index (so the host can point at `history[i]`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("history[{index}]: {error}")]
pub struct HistoryError {
    pub index: usize,
    pub error: WorkflowError,
}

impl Coded for HistoryError {
    fn code(&self) -> &'static str {
        self.error.code()
    }
}

/// A timer that runs in the current state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningTimer<'d> {
    pub state: &'d str,
    pub timer: &'d Timer,
    pub started_at: Instant,
    pub due_at: Instant,
    /// True from the due instant on (as an SLA goal is breached at its due instant).
    pub overdue: bool,
    /// The deadline relied on the calendar's regular week beyond its holiday data.
    pub assumed_regular_week: bool,
}

impl Definition {
    /// A new instance, in the initial state, with no events.
    pub fn start(&self) -> Instance {
        Instance {
            state: self.initial,
            entered_at: None,
            last_at: None,
            events: 0,
            facts: Facts::new(),
            accounts: BTreeMap::new(),
        }
    }

    /// The instance after `event`, which follows `history` (whose fold is `instance`), or why it is refused.
    ///
    /// Checks in order: actor, role known, time order and not after `now`, event known, workflow not finished,
    /// transition from the current state, role allowed, guards, effects.
    pub fn step(
        &self,
        instance: &Instance,
        history: &[Event],
        event: &Event,
        now: Instant,
    ) -> Result<Instance, WorkflowError> {
        if event.actor.trim().is_empty() {
            return Err(WorkflowError::MissingActor);
        }
        let role = match event.role.as_deref() {
            Some(r) if !r.trim().is_empty() => r,
            _ => return Err(WorkflowError::MissingRole(event.actor.clone())),
        };
        if !self.org_roles.contains(role) {
            return Err(WorkflowError::UnknownRole(role.to_string()));
        }
        if let Some(previous) = instance.last_at.filter(|&p| event.at < p) {
            return Err(WorkflowError::OutOfOrder {
                at: event.at.format(self.offset),
                previous: previous.format(self.offset),
            });
        }
        if event.at > now {
            return Err(WorkflowError::InTheFuture {
                at: event.at.format(self.offset),
                now: now.format(self.offset),
            });
        }
        if !self.transitions.iter().any(|t| t.event == event.name) {
            return Err(WorkflowError::UnknownEvent {
                workflow: self.id.clone(),
                event: event.name.clone(),
            });
        }
        let state = self.state_name(instance.state);
        if self.state(instance.state).is_some_and(|s| s.terminal) {
            return Err(WorkflowError::Finished {
                event: event.name.clone(),
                state: state.to_string(),
            });
        }
        let Some(t) = self.leaving(instance.state).find(|t| t.event == event.name) else {
            let possible: Vec<&str> = self.leaving(instance.state).map(|t| t.event.as_str()).collect();
            return Err(WorkflowError::InvalidTransition {
                event: event.name.clone(),
                state: state.to_string(),
                possible: possible.join(", "),
            });
        };
        if !t.roles.iter().any(|r| r == role) {
            return Err(WorkflowError::RoleNotAllowed {
                event: event.name.clone(),
                role: role.to_string(),
                allowed: t.roles.join(", "),
            });
        }
        for g in &t.guards {
            g.check(history, event).map_err(|reason| WorkflowError::GuardFailed {
                guard: g.id.clone(),
                field: g.check.field().map(str::to_string),
                reason,
            })?;
        }
        let mut next = instance.clone();
        effect::apply(&t.effects, &event.payload, &mut next.accounts, &mut next.facts)?;
        if t.to != instance.state {
            next.entered_at = Some(event.at);
        }
        next.state = t.to;
        next.last_at = Some(event.at);
        next.events += 1;
        Ok(next)
    }

    /// Folds a history from the initial state; the first refused event stops it, with its index.
    pub fn replay(&self, history: &[Event], now: Instant) -> Result<Instance, HistoryError> {
        let mut instance = self.start();
        for (index, event) in history.iter().enumerate() {
            let before = history.get(..index).unwrap_or_default();
            instance = self
                .step(&instance, before, event, now)
                .map_err(|error| HistoryError { index, error })?;
        }
        Ok(instance)
    }

    /// Replays `history`, then applies `event`: the new history and state, or the error (nothing changes).
    pub fn apply(&self, history: &[Event], event: Event, now: Instant) -> Result<(Vec<Event>, Instance), ApplyError> {
        let instance = self.replay(history, now).map_err(ApplyError::History)?;
        let next = self.step(&instance, history, &event, now).map_err(ApplyError::Event)?;
        let mut out = Vec::with_capacity(history.len() + 1);
        out.extend_from_slice(history);
        out.push(event);
        Ok((out, next))
    }

    /// Transitions `role` may make from the instance's state now (guards are listed, not yet checked: they
    /// read the coming event's payload).
    pub fn allowed<'d>(&'d self, instance: &Instance, role: &str) -> Result<Vec<&'d Transition>, WorkflowError> {
        if !self.org_roles.contains(role) {
            return Err(WorkflowError::UnknownRole(role.to_string()));
        }
        if self.state(instance.state).is_some_and(|s| s.terminal) {
            return Ok(Vec::new());
        }
        Ok(self
            .leaving(instance.state)
            .filter(|t| t.roles.iter().any(|r| r == role))
            .collect())
    }

    /// The timers running in the instance's state at `now`, each with its deadline on its calendar.
    pub fn timers<'d>(
        &'d self,
        instance: &Instance,
        calendars: &Calendars,
        now: Instant,
    ) -> Result<Vec<RunningTimer<'d>>, WorkflowError> {
        let Some(state) = self.state(instance.state) else {
            return Ok(Vec::new());
        };
        let (Some(timer), Some(started_at)) = (&state.timer, instance.entered_at) else {
            return Ok(Vec::new());
        };
        if state.terminal {
            return Ok(Vec::new());
        }
        let due = timer::due(calendars, timer, started_at)?;
        Ok(vec![RunningTimer {
            state: &state.id,
            timer,
            started_at,
            due_at: due.at,
            overdue: now >= due.at,
            assumed_regular_week: due.assumed_regular_week,
        }])
    }
}

/// Why `apply` refused: the history itself (at an index) or the new event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    #[error(transparent)]
    History(HistoryError),
    #[error(transparent)]
    Event(WorkflowError),
}

impl Coded for ApplyError {
    fn code(&self) -> &'static str {
        match self {
            ApplyError::History(e) => e.code(),
            ApplyError::Event(e) => e.code(),
        }
    }
}
