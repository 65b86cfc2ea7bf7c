//! The key and access-card custody ledger (钥匙与门禁卡登记, §2.2.5): every key of an unoccupied unit (door,
//! security door, mailbox) and every lobby access card is in exactly one place — company custody, issued to a
//! named person, lost, or retired.
//!
//! Each key is an instance of the handbook's custody workflow; the ledger is one history of key events in time
//! order. A key's place is its state, so it can never be in two places, and a key not in custody cannot be
//! issued because the workflow has no such transition.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

use super::definition::Definition;
use super::error::WorkflowError;
use super::event::Event;
use super::instance::{ApplyError, HistoryError, Instance};
use crate::time::Instant;

/// One event of the ledger: a workflow event about one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyEvent {
    /// The key's id as the company labels it, e.g. `3-1-502/door`.
    pub key: String,
    pub name: String,
    pub actor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub at: Instant,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub payload: Map<String, Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl KeyEvent {
    fn event(&self) -> Event {
        Event {
            name: self.name.clone(),
            actor: self.actor.clone(),
            role: self.role.clone(),
            at: self.at,
            payload: self.payload.clone(),
            note: self.note.clone(),
        }
    }
}

/// One key in the ledger: its instance and its own events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRecord {
    pub instance: Instance,
    pub events: Vec<Event>,
}

/// The ledger: every registered key, by id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ledger {
    pub keys: BTreeMap<String, KeyRecord>,
    last_at: Option<Instant>,
}

impl Ledger {
    /// The ledger after `event`, or why it is refused (the ledger is unchanged).
    pub fn step(&self, def: &Definition, event: &KeyEvent, now: Instant) -> Result<Ledger, WorkflowError> {
        let mut next = self.clone();
        next.record(def, event, now)?;
        Ok(next)
    }

    /// Records `event` in place; on error nothing has been changed (everything is checked before the write).
    fn record(&mut self, def: &Definition, event: &KeyEvent, now: Instant) -> Result<(), WorkflowError> {
        if event.key.trim().is_empty() {
            return Err(WorkflowError::MissingKey);
        }
        if let Some(previous) = self.last_at.filter(|&p| event.at < p) {
            return Err(WorkflowError::OutOfOrder {
                at: event.at.format(def.offset),
                previous: previous.format(def.offset),
            });
        }
        let e = event.event();
        let next = match self.keys.get(&event.key) {
            Some(r) => def.step(&r.instance, &r.events, &e, now)?,
            None => def.step(&def.start(), &[], &e, now).map_err(|err| match err {
                WorkflowError::InvalidTransition { .. } => WorkflowError::UnknownKey(event.key.clone()),
                other => other,
            })?,
        };
        let record = self.keys.entry(event.key.clone()).or_insert_with(|| KeyRecord {
            instance: def.start(),
            events: Vec::new(),
        });
        record.instance = next;
        record.events.push(e);
        self.last_at = Some(event.at);
        Ok(())
    }

    /// Folds a ledger history; the first refused event stops it, with its index.
    pub fn replay(def: &Definition, history: &[KeyEvent], now: Instant) -> Result<Ledger, HistoryError> {
        let mut ledger = Ledger::default();
        for (index, event) in history.iter().enumerate() {
            ledger
                .record(def, event, now)
                .map_err(|error| HistoryError { index, error })?;
        }
        Ok(ledger)
    }

    /// Replays `history`, then applies `event`: the new history and ledger, or the error (nothing changes).
    pub fn apply(
        def: &Definition,
        history: &[KeyEvent],
        event: KeyEvent,
        now: Instant,
    ) -> Result<(Vec<KeyEvent>, Ledger), ApplyError> {
        let mut next = Ledger::replay(def, history, now).map_err(ApplyError::History)?;
        next.record(def, &event, now).map_err(ApplyError::Event)?;
        let mut out = Vec::with_capacity(history.len() + 1);
        out.extend_from_slice(history);
        out.push(event);
        Ok((out, next))
    }

    /// Where each key is: place (state id) → key ids. Every non-initial state is a place, listed even if empty.
    pub fn places(&self, def: &Definition) -> BTreeMap<String, Vec<String>> {
        let mut places: BTreeMap<String, Vec<String>> = def
            .states
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != def.initial)
            .map(|(_, s)| (s.id.clone(), Vec::new()))
            .collect();
        for (key, record) in &self.keys {
            places
                .entry(def.state_name(record.instance.state).to_string())
                .or_default()
                .push(key.clone());
        }
        places
    }
}

/// One key as the protocol shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyView {
    pub key: String,
    pub place: String,
    pub since: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, Value>,
    pub events: usize,
}

/// The ledger as the protocol shows it: each key, and each place with its keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerView {
    pub keys: Vec<KeyView>,
    pub places: BTreeMap<String, Vec<String>>,
}

impl LedgerView {
    pub fn new(def: &Definition, ledger: &Ledger) -> LedgerView {
        let keys = ledger
            .keys
            .iter()
            .map(|(key, r)| KeyView {
                key: key.clone(),
                place: def.state_name(r.instance.state).to_string(),
                since: r.instance.entered_at.map(|i| i.format(def.offset)).unwrap_or_default(),
                facts: r.instance.facts.clone(),
                events: r.instance.events,
            })
            .collect();
        LedgerView {
            keys,
            places: ledger.places(def),
        }
    }
}
