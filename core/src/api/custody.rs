//! `custody.*` ops: the key and access-card ledger (§2.2.5), stateless like `workflow.*`: the host sends the
//! ledger's history of key events, the engine replays it and answers.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::workflow::{apply_problem, history_problem};
use super::Exchange;
use crate::error::Problem;
use crate::time::Instant;
use crate::workflow::custody::{KeyEvent, Ledger, LedgerView};
use crate::workflow::view::{written, AllowedView};
use crate::Engine;

pub(crate) fn handle<X: Exchange>(engine: &Engine, op: &str, x: &mut X) -> Result<X::Answer, Problem> {
    match op {
        "custody.apply" => apply(engine, x.args()?, x),
        "custody.ledger" => ledger(engine, x.args()?, x),
        "custody.allowed" => allowed(engine, x.args()?, x),
        _ => Err(super::unknown_op(op)),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplyRequest {
    #[serde(default)]
    history: Vec<KeyEvent>,
    event: KeyEvent,
    now: Instant,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerRequest {
    #[serde(default)]
    history: Vec<KeyEvent>,
    now: Instant,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowedRequest {
    #[serde(default)]
    history: Vec<KeyEvent>,
    key: String,
    role: String,
    now: Instant,
}

#[derive(Serialize)]
struct Applied {
    history: Vec<Value>,
    ledger: LedgerView,
}

#[derive(Serialize)]
struct Allowed {
    key: String,
    place: String,
    role: String,
    allowed: Vec<AllowedView>,
}

fn apply<X: Exchange>(engine: &Engine, r: ApplyRequest, x: &mut X) -> Result<X::Answer, Problem> {
    let def = engine.workflows.custody().map_err(Problem::from)?;
    let (history, ledger) = Ledger::apply(def, &r.history, r.event, r.now).map_err(apply_problem)?;
    x.ok(&Applied {
        history: written(&history, def.offset),
        ledger: LedgerView::new(def, &ledger),
    })
}

fn ledger<X: Exchange>(engine: &Engine, r: LedgerRequest, x: &mut X) -> Result<X::Answer, Problem> {
    let def = engine.workflows.custody().map_err(Problem::from)?;
    let ledger = Ledger::replay(def, &r.history, r.now).map_err(history_problem)?;
    x.ok(&LedgerView::new(def, &ledger))
}

fn allowed<X: Exchange>(engine: &Engine, r: AllowedRequest, x: &mut X) -> Result<X::Answer, Problem> {
    let def = engine.workflows.custody().map_err(Problem::from)?;
    let ledger = Ledger::replay(def, &r.history, r.now).map_err(history_problem)?;
    let fresh = def.start();
    let instance = ledger.keys.get(&r.key).map(|k| &k.instance).unwrap_or(&fresh);
    let allowed = def
        .allowed(instance, &r.role)
        .map_err(|e| Problem::from(e).at("role"))?;
    x.ok(&Allowed {
        key: r.key,
        place: def.state_name(instance.state).to_string(),
        role: r.role,
        allowed: allowed.into_iter().map(|t| AllowedView::new(def, t)).collect(),
    })
}
