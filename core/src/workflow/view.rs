//! What the protocol answers about an instance: its state, money, facts, running timers and what a role may do.

use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

use super::definition::{Definition, Transition};
use super::effect::Account;
use super::instance::{Instance, RunningTimer};
use crate::calendar::Calendars;
use crate::calendar::Span;
use crate::error::Problem;
use crate::handbook::Source;
use crate::time::{Instant, Offset};

/// An instance as the protocol shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateView {
    pub workflow: String,
    pub state: String,
    pub terminal: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entered_at: Option<String>,
    pub events: usize,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, Value>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub accounts: BTreeMap<String, Account>,
    pub timers: Vec<TimerView>,
    /// Why the state's timer could not be computed (e.g. `calendar.out_of_coverage`): the state itself stands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timer_error: Option<Problem>,
    /// The next instant at which this answer changes by itself (a running timer falls due), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_change_at: Option<String>,
}

/// A running timer as the protocol shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimerView {
    pub state: String,
    pub responsible: String,
    pub within: Span,
    pub calendar: String,
    pub started_at: String,
    pub due_at: String,
    pub overdue: bool,
    /// The deadline relied on the calendar's regular week beyond its holiday data.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub assumed_regular_week: bool,
    pub source: Source,
}

impl TimerView {
    fn new(t: &RunningTimer<'_>, offset: Offset) -> TimerView {
        TimerView {
            state: t.state.to_string(),
            responsible: t.timer.responsible.clone(),
            within: t.timer.within,
            calendar: t.timer.calendar.clone(),
            started_at: t.started_at.format(offset),
            due_at: t.due_at.format(offset),
            overdue: t.overdue,
            assumed_regular_week: t.assumed_regular_week,
            source: t.timer.source.clone(),
        }
    }
}

/// One transition a role may make now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AllowedView {
    pub event: String,
    pub to: String,
    /// Guard names the event must satisfy.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub guards: Vec<String>,
}

impl StateView {
    /// The view of `instance` at `now`.
    pub fn new(def: &Definition, instance: &Instance, calendars: &Calendars, now: Instant) -> StateView {
        let (running, timer_error) = match def.timers(instance, calendars, now) {
            Ok(r) => (r, None),
            Err(e) => (Vec::new(), Some(Problem::from(e))),
        };
        let timers: Vec<TimerView> = running.iter().map(|t| TimerView::new(t, def.offset)).collect();
        let next_change_at = running
            .iter()
            .filter(|t| !t.overdue)
            .map(|t| t.due_at)
            .min()
            .map(|i| i.format(def.offset));
        StateView {
            workflow: def.id.clone(),
            state: def.state_name(instance.state).to_string(),
            terminal: def.state(instance.state).is_some_and(|s| s.terminal),
            entered_at: instance.entered_at.map(|i| i.format(def.offset)),
            events: instance.events,
            facts: instance.facts.clone(),
            accounts: instance.accounts.clone(),
            timers,
            timer_error,
            next_change_at,
        }
    }
}

impl AllowedView {
    pub fn new(def: &Definition, t: &Transition) -> AllowedView {
        AllowedView {
            event: t.event.clone(),
            to: def.state_name(t.to).to_string(),
            guards: t.guards.iter().map(|g| g.id.clone()).collect(),
        }
    }
}

/// A history (workflow or custody events) as the protocol writes it: each event's `at` in `offset`.
pub fn written<T: Serialize>(events: &[T], offset: Offset) -> Vec<Value> {
    events
        .iter()
        .map(|e| {
            let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
            if let Some(at) = v.get("at").and_then(Value::as_str).and_then(|s| Instant::parse(s).ok()) {
                v["at"] = Value::String(at.format(offset));
            }
            v
        })
        .collect()
}
