//! Approval workflows (审批流程) as event-sourced state machines: renovation permits (§2.2.3), move-in handover
//! (§2.2.2), activity plans (§2.1.14) and the key and access-card custody ledger (§2.2.5).
//!
//! A definition lives in the handbook (`workflows.definitions`): states, transitions with the roles that may make
//! them, named guards, effects on money and facts, terminal states and timers. An instance is the fold of its
//! accepted events; the event list is the audit trail. See docs/workflows.md.
//!
//! ```
//! use wuye::workflow::Event;
//! let engine = wuye::Engine::with_default_handbook().unwrap();
//! let permit = engine.workflows().get("activity_plan").unwrap();
//! let at = wuye::Instant::parse("2026-03-02T09:00:00+08:00").unwrap();
//! let draft: Event = serde_json::from_value(serde_json::json!({
//!     "name": "draft", "actor": "李娜", "role": "assistant", "at": "2026-03-02T09:00:00+08:00",
//!     "payload": {"title": "中秋游园会"}
//! })).unwrap();
//! let (history, state) = permit.apply(&[], draft, at).unwrap();
//! assert_eq!(permit.state_name(state.state), "drafted");
//! assert_eq!(history.len(), 1);
//! ```

pub mod custody;
mod definition;
mod effect;
mod error;
mod event;
mod guard;
mod instance;
mod timer;
pub mod view;

pub use definition::{Definition, DefinitionDoc, State, StateDoc, StateId, TimerDoc, Transition, TransitionDoc};
pub use effect::{Account, Effect, Facts};
pub use error::WorkflowError;
pub use event::Event;
pub use guard::{Check, Guard, GuardDoc};
pub use instance::{ApplyError, HistoryError, Instance, RunningTimer};
pub use timer::Timer;

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

use crate::engine::Context;
use crate::handbook::{Diagnostics, Source};

/// The compiled `workflows` section of a handbook: every definition, and which one is the custody ledger.
#[derive(Debug, Default)]
pub struct Section {
    definitions: Vec<Definition>,
    custody: Option<usize>,
}

impl Section {
    /// The definition with this id.
    pub fn get(&self, id: &str) -> Option<&Definition> {
        self.definitions.iter().find(|d| d.id == id)
    }

    /// The definition or the typed error.
    pub fn definition(&self, id: &str) -> Result<&Definition, WorkflowError> {
        self.get(id)
            .ok_or_else(|| WorkflowError::UnknownDefinition(id.to_string()))
    }

    pub fn definitions(&self) -> &[Definition] {
        &self.definitions
    }

    /// The definition each key of the custody ledger follows (§2.2.5), if the handbook has one.
    pub fn custody(&self) -> Result<&Definition, WorkflowError> {
        self.custody
            .and_then(|i| self.definitions.get(i))
            .ok_or(WorkflowError::NoCustody)
    }
}

impl Section {
    /// The section's rules: each workflow (`workflow.<id>`), its transitions (`workflow.<id>.<event>`, see
    /// [`transition_rule_id`]), its state timers (`workflow.<id>.<state>.timer`) and the guards transitions use
    /// (`workflow.guard.<id>`). Transitions and timers without a clause count toward their workflow's clause,
    /// guards toward the clause of the first workflow that uses them.
    pub fn rules(&self) -> Vec<crate::handbook::Rule> {
        use crate::handbook::Rule;
        let mut rules = Vec::new();
        let mut guards: Vec<Rule> = Vec::new();
        for def in &self.definitions {
            let clause = def.source.clause();
            rules.push(Rule::new(format!("workflow.{}", def.id), &def.source, None));
            for (i, t) in def.transitions.iter().enumerate() {
                let source = t.source.as_ref().unwrap_or(&def.source);
                rules.push(Rule::new(transition_rule_id(def, i), source, clause));
                for g in &t.guards {
                    let id = format!("workflow.guard.{}", g.id);
                    if !guards.iter().any(|r| r.id == id) {
                        guards.push(Rule::new(
                            id,
                            &g.source,
                            t.source.as_ref().and_then(Source::clause).or(clause),
                        ));
                    }
                }
            }
            for st in &def.states {
                if let Some(timer) = &st.timer {
                    rules.push(Rule::new(
                        format!("workflow.{}.{}.timer", def.id, st.id),
                        &timer.source,
                        clause,
                    ));
                }
            }
        }
        rules.extend(guards);
        rules
    }
}

/// The stable rule id of a definition's `i`-th transition: `workflow.<id>.<event>`, or
/// `workflow.<id>.<event>@<first from-state>` when the event leaves several states by different transitions.
pub fn transition_rule_id(def: &Definition, i: usize) -> String {
    let Some(t) = def.transitions.get(i) else {
        return format!("workflow.{}.#{i}", def.id);
    };
    let shared = def.transitions.iter().filter(|o| o.event == t.event).count() > 1;
    match t.from.first().and_then(|&s| def.states.get(s)) {
        Some(from) if shared => format!("workflow.{}.{}@{}", def.id, t.event, from.id),
        _ => format!("workflow.{}.{}", def.id, t.event),
    }
}

/// The `workflows` section as written; guards and definitions are kept raw so each is checked on its own.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkflowsDoc {
    /// The calendar whose offset instants are written in, and the default calendar of timers.
    pub calendar: String,
    /// Named guards (前置条件) that transitions refer to.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<GuardDoc>"))]
    pub guards: Value,
    /// The workflow definitions; a company adds its own here.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<DefinitionDoc>"))]
    pub definitions: Value,
    #[serde(default)]
    pub custody: Option<CustodyDoc>,
}

/// Which definition the custody ledger (§2.2.5) uses for each key.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustodyDoc {
    pub workflow: String,
    pub source: Source,
}

/// Compiles the `workflows` section, reporting every problem with its path.
pub fn compile(value: Option<&Value>, cx: &Context, d: &mut Diagnostics) -> Section {
    let Some(value) = value else {
        return Section::default();
    };
    let Some(doc) = d.parse::<WorkflowsDoc>(value, "workflows") else {
        return Section::default();
    };
    cx.calendars.reference(&doc.calendar, "workflows.calendar", d);
    let mut guards: BTreeMap<String, Guard> = BTreeMap::new();
    for (path, g) in d.parse_each::<GuardDoc>(&doc.guards, "workflows.guards") {
        g.source.validate(&format!("{path}.source"), d);
        if guards.contains_key(&g.id) {
            d.error(
                "handbook.duplicate_id",
                &format!("{path}.id"),
                format!("guard `{}` is defined twice", g.id),
            );
            continue;
        }
        let id = g.id.clone();
        match Guard::compile(g) {
            Ok(guard) => {
                guards.insert(id, guard);
            }
            Err(msg) => d.error("handbook.invalid_value", &format!("{path}.check"), msg),
        }
    }
    let mut section = Section::default();
    let mut ids: Vec<String> = Vec::new();
    for (path, def) in d.parse_each::<DefinitionDoc>(&doc.definitions, "workflows.definitions") {
        if ids.contains(&def.id) {
            d.error(
                "handbook.duplicate_id",
                &format!("{path}.id"),
                format!("workflow `{}` is defined twice", def.id),
            );
            continue;
        }
        ids.push(def.id.clone());
        if let Some(compiled) = definition::compile(&def, &path, &guards, &doc.calendar, cx, d) {
            section.definitions.push(compiled);
        }
    }
    if let Some(c) = doc.custody {
        c.source.validate("workflows.custody.source", d);
        section.custody = section.definitions.iter().position(|x| x.id == c.workflow);
        if !ids.contains(&c.workflow) {
            d.error(
                "handbook.unknown_workflow",
                "workflows.custody.workflow",
                format!("no workflow `{}` in workflows.definitions", c.workflow),
            );
        }
    }
    section
}

#[cfg(test)]
mod tests;
