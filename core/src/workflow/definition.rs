//! Workflow definitions (流程定义) in the handbook: states, transitions with roles, guards and effects,
//! terminal states and timers — parsed and checked, every problem reported with its path.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::effect::Effect;
use super::guard::Guard;
use super::timer::Timer;
use crate::calendar::Span;
use crate::engine::Context;
use crate::handbook::{Diagnostics, Source};
use crate::time::Offset;

/// One workflow definition as the handbook writes it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefinitionDoc {
    pub id: String,
    pub name: String,
    /// The state a new instance starts in, before any event.
    pub initial: String,
    pub states: Vec<StateDoc>,
    pub transitions: Vec<TransitionDoc>,
    pub source: Source,
}

/// One state as the handbook writes it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateDoc {
    pub id: String,
    /// Name as staff say it, e.g. `审核中`.
    #[serde(default)]
    pub name: Option<String>,
    /// A terminal state ends the workflow: no event leaves it.
    #[serde(default)]
    pub terminal: bool,
    #[serde(default)]
    pub timer: Option<TimerDoc>,
}

/// A timer on a state: it runs from entering the state; `responsible` must act `within` the span, counted on
/// `calendar` (default: the section's calendar).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimerDoc {
    pub within: Span,
    #[serde(default)]
    pub calendar: Option<String>,
    pub responsible: String,
    pub source: Source,
}

/// `"from": "a"` or `"from": ["a", "b"]`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn items(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// One transition as the handbook writes it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionDoc {
    pub event: String,
    pub from: OneOrMany,
    pub to: String,
    /// Roles that may make it (checked against the org chart).
    pub roles: Vec<String>,
    /// Guard ids (from `workflows.guards`), all of which must hold.
    #[serde(default)]
    pub guards: Vec<String>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    #[serde(default)]
    pub source: Option<Source>,
}

/// A state index in its definition.
pub type StateId = usize;

/// A compiled state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub id: String,
    pub name: Option<String>,
    pub terminal: bool,
    pub timer: Option<Timer>,
}

/// A compiled transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub event: String,
    pub from: Vec<StateId>,
    pub to: StateId,
    pub roles: Vec<String>,
    pub guards: Vec<Guard>,
    pub effects: Vec<Effect>,
    pub source: Option<Source>,
}

/// A compiled, checked workflow definition: a state machine that events drive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub id: String,
    pub name: String,
    pub source: Source,
    pub initial: StateId,
    pub states: Vec<State>,
    pub transitions: Vec<Transition>,
    /// Every role id of the org chart: an event's role must be one of them.
    pub(crate) org_roles: BTreeSet<String>,
    /// The local offset instants are written in (the section calendar's).
    pub offset: Offset,
}

impl Definition {
    pub fn state(&self, id: StateId) -> Option<&State> {
        self.states.get(id)
    }

    pub fn state_id(&self, id: &str) -> Option<StateId> {
        self.states.iter().position(|s| s.id == id)
    }

    /// The state's id text (empty for an index that is not a state, which compiled instances never hold).
    pub fn state_name(&self, id: StateId) -> &str {
        self.states.get(id).map(|s| s.id.as_str()).unwrap_or_default()
    }

    /// Transitions that leave `state`.
    pub fn leaving(&self, state: StateId) -> impl Iterator<Item = &Transition> {
        self.transitions.iter().filter(move |t| t.from.contains(&state))
    }
}

/// Compiles one definition, recording every problem under `path`; `None` if it cannot be used.
pub(crate) fn compile(
    doc: &DefinitionDoc,
    path: &str,
    guards: &BTreeMap<String, Guard>,
    calendar: &str,
    cx: &Context,
    outer: &mut Diagnostics,
) -> Option<Definition> {
    let mut local = Diagnostics::default();
    let d = &mut local;
    doc.source.validate(&format!("{path}.source"), d);
    let mut states: Vec<State> = Vec::new();
    for (i, s) in doc.states.iter().enumerate() {
        let sp = format!("{path}.states[{i}]");
        if states.iter().any(|x| x.id == s.id) {
            d.error(
                "handbook.duplicate_id",
                &format!("{sp}.id"),
                format!("state `{}` is defined twice", s.id),
            );
            continue;
        }
        let timer = s.timer.as_ref().map(|t| {
            let tp = format!("{sp}.timer");
            t.source.validate(&format!("{tp}.source"), d);
            cx.org.resolve(&t.responsible, &format!("{tp}.responsible"), d);
            let calendar = t.calendar.as_deref().unwrap_or(calendar);
            cx.calendars.reference(calendar, &format!("{tp}.calendar"), d);
            Timer {
                within: t.within,
                calendar: calendar.to_string(),
                responsible: t.responsible.clone(),
                source: t.source.clone(),
            }
        });
        states.push(State {
            id: s.id.clone(),
            name: s.name.clone(),
            terminal: s.terminal,
            timer,
        });
    }
    let find = |id: &str| states.iter().position(|s| s.id == id);
    let initial = find(&doc.initial);
    if initial.is_none() {
        d.error(
            "handbook.unknown_state",
            &format!("{path}.initial"),
            format!("initial state `{}` is not among the states", doc.initial),
        );
    }
    if let Some(i) = initial.and_then(|i| states.get(i)).filter(|s| s.timer.is_some()) {
        d.error(
            "handbook.timer_on_initial",
            &format!("{path}.initial"),
            format!(
                "initial state `{}` is never entered by an event, so its timer could not start",
                i.id
            ),
        );
    }
    let mut transitions = Vec::new();
    let mut seen: BTreeSet<(String, StateId)> = BTreeSet::new();
    for (i, t) in doc.transitions.iter().enumerate() {
        let tp = format!("{path}.transitions[{i}]");
        let mut from = Vec::new();
        for (j, f) in t.from.items().into_iter().enumerate() {
            let fp = match t.from {
                OneOrMany::One(_) => format!("{tp}.from"),
                OneOrMany::Many(_) => format!("{tp}.from[{j}]"),
            };
            match find(f) {
                Some(s) => {
                    if !seen.insert((t.event.clone(), s)) {
                        d.error(
                            "handbook.duplicate_transition",
                            &fp,
                            format!("event `{}` already leaves `{f}`; one event, one target", t.event),
                        );
                    }
                    from.push(s);
                }
                None => d.error("handbook.unknown_state", &fp, format!("no state `{f}`")),
            }
        }
        let to = find(&t.to);
        if to.is_none() {
            d.error(
                "handbook.unknown_state",
                &format!("{tp}.to"),
                format!("no state `{}`", t.to),
            );
        }
        if t.event.trim().is_empty() {
            d.error(
                "handbook.invalid_value",
                &format!("{tp}.event"),
                "an event needs a name",
            );
        }
        if t.roles.is_empty() {
            d.error(
                "handbook.invalid_value",
                &format!("{tp}.roles"),
                "a transition needs at least one role",
            );
        }
        for (j, r) in t.roles.iter().enumerate() {
            cx.org.resolve(r, &format!("{tp}.roles[{j}]"), d);
        }
        let mut gs = Vec::new();
        for (j, g) in t.guards.iter().enumerate() {
            match guards.get(g) {
                Some(guard) => gs.push(guard.clone()),
                None => d.error(
                    "handbook.unknown_guard",
                    &format!("{tp}.guards[{j}]"),
                    format!("no guard `{g}` in workflows.guards"),
                ),
            }
        }
        if let Some(s) = &t.source {
            s.validate(&format!("{tp}.source"), d);
        }
        if let Some(to) = to {
            transitions.push(Transition {
                event: t.event.clone(),
                from,
                to,
                roles: t.roles.clone(),
                guards: gs,
                effects: t.effects.clone(),
                source: t.source.clone(),
            });
        }
    }
    let def = Definition {
        id: doc.id.clone(),
        name: doc.name.clone(),
        source: doc.source.clone(),
        initial: initial.unwrap_or_default(),
        states,
        transitions,
        org_roles: cx.org.roles().iter().map(|r| r.id.clone()).collect(),
        offset: cx.calendars.get(calendar).map(|c| c.offset()).unwrap_or(Offset::CHINA),
    };
    if d.is_empty() {
        check_graph(&def, path, d);
    }
    let ok = d.is_empty();
    for p in local.into_problems() {
        outer.report(p, ".");
    }
    ok.then_some(def)
}

/// Graph checks once every reference resolves: reachability, dead ends, terminal states that lead on.
fn check_graph(def: &Definition, path: &str, d: &mut Diagnostics) {
    let mut reached = vec![false; def.states.len()];
    let mut todo = vec![def.initial];
    while let Some(s) = todo.pop() {
        if reached.get(s).copied().unwrap_or(true) {
            continue;
        }
        if let Some(r) = reached.get_mut(s) {
            *r = true;
        }
        todo.extend(def.leaving(s).map(|t| t.to));
    }
    for (i, s) in def.states.iter().enumerate() {
        let sp = format!("{path}.states[{i}]");
        if !reached.get(i).copied().unwrap_or(false) {
            d.error(
                "handbook.unreachable_state",
                &sp,
                format!(
                    "no sequence of events from `{}` reaches `{}`",
                    def.state_name(def.initial),
                    s.id
                ),
            );
        }
        let leaves = def.leaving(i).next().is_some();
        if s.terminal && leaves {
            d.error(
                "handbook.terminal_has_transitions",
                &sp,
                format!("terminal state `{}` has events leaving it", s.id),
            );
        }
        if !s.terminal && !leaves {
            d.error(
                "handbook.dead_end_state",
                &sp,
                format!("no event leaves `{}`; mark it terminal or add a transition", s.id),
            );
        }
    }
    if !def.states.iter().any(|s| s.terminal) {
        d.error(
            "handbook.no_terminal_state",
            &format!("{path}.states"),
            "a workflow needs a terminal state",
        );
    }
}
