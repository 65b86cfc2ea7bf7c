//! `workflow.*` ops: stateless event sourcing. The host keeps each instance's history and sends it with every
//! request; the engine replays it, applies or answers, and sends back the new history or a located error.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Exchange;
use crate::error::Problem;
use crate::time::Instant;
use crate::workflow::view::{written, AllowedView, StateView};
use crate::workflow::{ApplyError, Definition, Event, HistoryError, Instance, WorkflowError};
use crate::Engine;

pub(crate) fn handle<X: Exchange>(engine: &Engine, op: &str, x: &mut X) -> Result<X::Answer, Problem> {
    match op {
        "workflow.apply" => apply(engine, x.args()?, x),
        "workflow.state" => state(engine, x.args()?, x),
        "workflow.allowed" => allowed(engine, x.args()?, x),
        "workflow.list" => {
            let _: super::Empty = x.args()?;
            list(engine, x)
        }
        "workflow.overdue" => overdue(engine, x.args()?, x),
        _ => Err(super::unknown_op(op)),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplyRequest {
    workflow: String,
    #[serde(default)]
    history: Vec<Event>,
    event: Event,
    now: Instant,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StateRequest {
    workflow: String,
    #[serde(default)]
    history: Vec<Event>,
    now: Instant,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowedRequest {
    workflow: String,
    #[serde(default)]
    history: Vec<Event>,
    role: String,
    now: Instant,
}

/// Many instances at once, for "what is overdue" across a PMS's open items.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverdueRequest {
    instances: Vec<InstanceRef>,
    now: Instant,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstanceRef {
    /// The host's id of the instance (a permit number), echoed.
    id: Value,
    workflow: String,
    #[serde(default)]
    history: Vec<Event>,
}

#[derive(Serialize)]
struct OverdueItem {
    id: Value,
    workflow: String,
    state: String,
    responsible: String,
    due_at: String,
    started_at: String,
    #[serde(skip)]
    due: Instant,
}

#[derive(Serialize)]
struct InstanceProblem {
    id: Value,
    error: Problem,
}

#[derive(Serialize)]
struct Overdue {
    overdue: Vec<OverdueItem>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<InstanceProblem>,
}

#[derive(Serialize)]
struct Applied {
    history: Vec<Value>,
    state: StateView,
}

#[derive(Serialize)]
struct Allowed {
    state: String,
    role: String,
    allowed: Vec<AllowedView>,
}

#[derive(Serialize)]
struct Summary<'a> {
    id: &'a str,
    name: &'a str,
    initial: &'a str,
    states: Vec<&'a str>,
    terminal: Vec<&'a str>,
    events: Vec<&'a str>,
}

fn definition<'e>(engine: &'e Engine, id: &str) -> Result<&'e Definition, Problem> {
    engine
        .workflows
        .definition(id)
        .map_err(|e| Problem::from(e).at("workflow"))
}

/// A refused event at `at` (`event` or `history[i]`), pointing into the event where it can.
fn event_problem(e: WorkflowError, at: String) -> Problem {
    let path = match e.field() {
        Some(field) => format!("{at}.{field}"),
        None => at,
    };
    Problem::from(e).at(path)
}

/// A refused history event, located at `history[i]`.
pub(crate) fn history_problem(e: HistoryError) -> Problem {
    event_problem(e.error, format!("history[{}]", e.index))
}

pub(crate) fn apply_problem(e: ApplyError) -> Problem {
    match e {
        ApplyError::History(h) => history_problem(h),
        ApplyError::Event(e) => event_problem(e, "event".into()),
    }
}

fn view(engine: &Engine, def: &Definition, instance: &Instance, now: Instant) -> StateView {
    StateView::new(def, instance, &engine.calendars, now)
}

fn apply<X: Exchange>(engine: &Engine, r: ApplyRequest, x: &mut X) -> Result<X::Answer, Problem> {
    let def = definition(engine, &r.workflow)?;
    let (history, instance) = def.apply(&r.history, r.event, r.now).map_err(apply_problem)?;
    let state = view(engine, def, &instance, r.now);
    x.ok(&Applied {
        history: written(&history, def.offset),
        state,
    })
}

fn state<X: Exchange>(engine: &Engine, r: StateRequest, x: &mut X) -> Result<X::Answer, Problem> {
    let def = definition(engine, &r.workflow)?;
    let instance = def.replay(&r.history, r.now).map_err(history_problem)?;
    x.ok(&view(engine, def, &instance, r.now))
}

fn allowed<X: Exchange>(engine: &Engine, r: AllowedRequest, x: &mut X) -> Result<X::Answer, Problem> {
    let def = definition(engine, &r.workflow)?;
    let instance = def.replay(&r.history, r.now).map_err(history_problem)?;
    let allowed = def
        .allowed(&instance, &r.role)
        .map_err(|e| Problem::from(e).at("role"))?;
    x.ok(&Allowed {
        state: def.state_name(instance.state).to_string(),
        role: r.role,
        allowed: allowed.into_iter().map(|t| AllowedView::new(def, t)).collect(),
    })
}

/// Every overdue timer among `instances`, earliest due first; an instance whose history is refused (or whose
/// timer cannot be computed) is listed under `errors` with its id, and the others are still answered.
fn overdue<X: Exchange>(engine: &Engine, r: OverdueRequest, x: &mut X) -> Result<X::Answer, Problem> {
    let mut out = Overdue {
        overdue: Vec::new(),
        errors: Vec::new(),
    };
    for (i, inst) in r.instances.into_iter().enumerate() {
        let at = format!("instances[{i}]");
        let found = engine
            .workflows
            .definition(&inst.workflow)
            .map_err(|e| Problem::from(e).at(format!("{at}.workflow")))
            .and_then(|def| {
                let instance = def
                    .replay(&inst.history, r.now)
                    .map_err(|e| history_problem(e).at(at.clone()))?;
                let timers = def.timers(&instance, &engine.calendars, r.now).map_err(Problem::from)?;
                Ok((def, timers))
            });
        match found {
            Ok((def, timers)) => {
                for t in timers.into_iter().filter(|t| t.overdue) {
                    out.overdue.push(OverdueItem {
                        id: inst.id.clone(),
                        workflow: def.id.clone(),
                        state: t.state.to_string(),
                        responsible: t.timer.responsible.clone(),
                        due_at: t.due_at.format(def.offset),
                        started_at: t.started_at.format(def.offset),
                        due: t.due_at,
                    });
                }
            }
            Err(error) => out.errors.push(InstanceProblem { id: inst.id, error }),
        }
    }
    out.overdue.sort_by_key(|o| o.due);
    x.ok(&out)
}

fn list<X: Exchange>(engine: &Engine, x: &mut X) -> Result<X::Answer, Problem> {
    let summaries: Vec<Summary> = engine
        .workflows
        .definitions()
        .iter()
        .map(|d| {
            let mut events: Vec<&str> = Vec::new();
            for t in &d.transitions {
                if !events.contains(&t.event.as_str()) {
                    events.push(&t.event);
                }
            }
            Summary {
                id: &d.id,
                name: &d.name,
                initial: d.state_name(d.initial),
                states: d.states.iter().map(|s| s.id.as_str()).collect(),
                terminal: d.states.iter().filter(|s| s.terminal).map(|s| s.id.as_str()).collect(),
                events,
            }
        })
        .collect();
    x.ok(&summaries)
}
