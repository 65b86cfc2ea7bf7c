//! The rules-engine peers on the fee quote: gorules zen-engine (a decision graph: a decision table for the rate
//! by use, then expression nodes; decimal numbers, `round(x, 2)` half away from zero at each line) and
//! datalogic-rs (JSON-Logic: f64, no rounding operator, so the host rounds the total to the fen).

#[cfg(feature = "zen")]
use std::sync::Arc;

use serde_json::{json, Value};
#[cfg(feature = "zen")]
use zen_engine::model::GraphContent;
#[cfg(feature = "zen")]
use zen_engine::Decision;

use crate::fees::{Case, LATE_DAYS, POOL_FEN, TOTAL_WEIGHT_CENTI, USES};
use crate::harness::Contender;

/// The quote's inputs as JSON numbers, as a host would hand them to a rules engine.
fn data(c: &Case) -> Value {
    json!({
        "use": USES[usize::from(c.use_)],
        "area": c.area_centi as f64 / 100.0,
        "kwh": c.kwh as f64,
        "used_before": if c.use_ == 0 { c.used_before as f64 } else { 0.0 },
        "pool": POOL_FEN as f64 / 100.0,
        "total_weight": TOTAL_WEIGHT_CENTI as f64 / 100.0,
        "principal": c.debt_fen as f64 / 100.0,
        "days": LATE_DAYS as f64,
    })
}

#[cfg(feature = "zen")]
fn graph() -> GraphContent {
    // Tier quantities: kWh of this month inside each annual tier.
    let clamp = |x: &str, lo: u32, hi: u32| format!("({x} < {lo} ? {lo} : ({x} > {hi} ? {hi} : {x}))");
    let to = "(used_before + kwh)";
    let t1 = format!("{} - {}", clamp(to, 0, 2760), clamp("used_before", 0, 2760));
    let t2 = format!("{} - {}", clamp(to, 2760, 4800), clamp("used_before", 2760, 4800));
    let t3 = format!("({to} > 4800 ? {to} : 4800) - (used_before > 4800 ? used_before : 4800)");
    let content = json!({
        "nodes": [
            {"id": "in", "name": "in", "type": "inputNode", "content": {}},
            {"id": "rate", "name": "rate", "type": "decisionTableNode", "content": {
                "passThrough": true, "hitPolicy": "first",
                "inputs": [{"id": "i1", "name": "use", "field": "use"}],
                "outputs": [{"id": "o1", "name": "rate", "field": "rate"}],
                "rules": [
                    {"_id": "r1", "i1": "\"residential\"", "o1": "2.50"},
                    {"_id": "r2", "i1": "\"shop\"", "o1": "6.00"},
                    {"_id": "r3", "i1": "\"office\"", "o1": "5.00"}
                ]
            }},
            {"id": "tiers", "name": "tiers", "type": "expressionNode", "content": {
                "passThrough": true,
                "expressions": [
                    {"id": "x1", "key": "t1", "value": t1},
                    {"id": "x2", "key": "t2", "value": t2},
                    {"id": "x3", "key": "t3", "value": t3}
                ]
            }},
            {"id": "lines", "name": "lines", "type": "expressionNode", "content": {
                "passThrough": true,
                "expressions": [
                    {"id": "y1", "key": "property", "value": "round(rate * area, 2)"},
                    {"id": "y2", "key": "electricity",
                     "value": "round(use == \"residential\" ? t1 * 0.538 + t2 * 0.588 + t3 * 0.838 : kwh * 0.80, 2)"},
                    {"id": "y3", "key": "share", "value": "round(pool * area / total_weight, 2)"},
                    {"id": "y4", "key": "late",
                     "value": "round(principal * 0.0005 * days < principal ? principal * 0.0005 * days : principal, 2)"}
                ]
            }},
            {"id": "total", "name": "total", "type": "expressionNode", "content": {
                "passThrough": false,
                "expressions": [{"id": "z1", "key": "total", "value": "property + electricity + share + late"}]
            }},
            {"id": "out", "name": "out", "type": "outputNode", "content": {}}
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "rate"},
            {"id": "e2", "sourceId": "rate", "targetId": "tiers"},
            {"id": "e3", "sourceId": "tiers", "targetId": "lines"},
            {"id": "e4", "sourceId": "lines", "targetId": "total"},
            {"id": "e5", "sourceId": "total", "targetId": "out"}
        ]
    });
    serde_json::from_value(content).expect("decision graph")
}

#[cfg(feature = "jsonlogic")]
fn logic() -> Value {
    let v = |k: &str| json!({"var": k});
    let to = json!({"+": [v("used_before"), v("kwh")]});
    let clamp = |x: &Value, lo: u32, hi: u32| json!({"max": [lo, {"min": [x, hi]}]});
    let t = |lo, hi| json!({"-": [clamp(&to, lo, hi), clamp(&v("used_before"), lo, hi)]});
    let t3 = json!({"-": [{"max": [to, 4800]}, {"max": [v("used_before"), 4800]}]});
    let rate = json!({"if": [
        {"==": [v("use"), "residential"]}, 2.5,
        {"==": [v("use"), "shop"]}, 6.0,
        5.0
    ]});
    json!({"+": [
        {"*": [rate, v("area")]},
        {"if": [
            {"==": [v("use"), "residential"]},
            {"+": [{"*": [t(0, 2760), 0.538]}, {"*": [t(2760, 4800), 0.588]}, {"*": [t3, 0.838]}]},
            {"*": [v("kwh"), 0.8]}
        ]},
        {"/": [{"*": [v("pool"), v("area")]}, v("total_weight")]},
        {"min": [{"*": [v("principal"), 0.0005, v("days")]}, v("principal")]}
    ]})
}

fn fen(x: f64) -> i128 {
    (x * 100.0).round() as i128
}

/// The engines built in, compiled once, with their inputs.
pub struct FeeEngines {
    #[cfg(feature = "zen")]
    zen: Decision,
    #[cfg(feature = "zen")]
    zen_inputs: Vec<zen_engine::Variable>,
    #[cfg(feature = "zen")]
    runtime: tokio::runtime::Runtime,
    #[cfg(feature = "jsonlogic")]
    dl: datalogic_rs::Engine,
    #[cfg(feature = "jsonlogic")]
    dl_logic: datalogic_rs::Logic,
    #[cfg(feature = "jsonlogic")]
    dl_inputs: Vec<Value>,
}

impl FeeEngines {
    pub fn new(cases: &[Case]) -> FeeEngines {
        let inputs: Vec<Value> = cases.iter().map(data).collect();
        #[cfg(feature = "jsonlogic")]
        let dl = datalogic_rs::Engine::new();
        FeeEngines {
            #[cfg(feature = "zen")]
            zen: {
                let mut zen = Decision::from(Arc::new(graph()));
                zen.compile();
                zen
            },
            #[cfg(feature = "zen")]
            zen_inputs: inputs.iter().map(|d| d.clone().into()).collect(),
            #[cfg(feature = "zen")]
            runtime: tokio::runtime::Builder::new_current_thread().build().expect("runtime"),
            #[cfg(feature = "jsonlogic")]
            dl_logic: dl.compile(logic().to_string().as_str()).expect("json-logic"),
            #[cfg(feature = "jsonlogic")]
            dl,
            #[cfg(feature = "jsonlogic")]
            dl_inputs: inputs,
        }
    }

    #[cfg(feature = "zen")]
    fn zen_total(&self, i: usize) -> i128 {
        let r = self.runtime.block_on(self.zen.evaluate(self.zen_inputs[i].clone()));
        r.ok()
            .and_then(|r| r.result.to_value().get("total").and_then(Value::as_f64))
            .map_or(-1, fen)
    }

    /// Totals in fen, per engine, in case order.
    pub fn answers(&self) -> Vec<(String, Vec<i128>)> {
        #[allow(unused_mut)]
        let mut out: Vec<(String, Vec<i128>)> = Vec::new();
        #[cfg(feature = "zen")]
        out.push((
            "zen-engine (decision table + expressions)".into(),
            (0..self.zen_inputs.len()).map(|i| self.zen_total(i)).collect(),
        ));
        #[cfg(feature = "jsonlogic")]
        {
            let mut session = self.dl.session();
            let dl: Vec<i128> = self
                .dl_inputs
                .iter()
                .map(|d| {
                    let r = session
                        .eval(&self.dl_logic, d)
                        .ok()
                        .and_then(|v| v.as_f64())
                        .map_or(-1, fen);
                    session.reset();
                    r
                })
                .collect();
            out.push(("datalogic-rs (JSON-Logic, f64)".into(), dl));
        }
        out
    }

    /// One contender per engine, in the order of [`FeeEngines::answers`].
    pub fn contenders(&self) -> Vec<Contender<'_>> {
        #[allow(unused_mut)]
        let mut out = Vec::new();
        #[cfg(feature = "zen")]
        {
            let n = self.zen_inputs.len();
            out.push(Contender::new("zen", n, move || {
                (0..n).map(|i| self.zen_total(i) as u64).sum()
            }));
        }
        #[cfg(feature = "jsonlogic")]
        out.push(Contender::new("datalogic", self.dl_inputs.len(), move || {
            let mut session = self.dl.session();
            let mut sum = 0u64;
            for d in &self.dl_inputs {
                sum += session
                    .eval(&self.dl_logic, d)
                    .ok()
                    .and_then(|v| v.as_f64())
                    .map_or(0, fen) as u64;
                session.reset();
            }
            sum
        }));
        out
    }
}
