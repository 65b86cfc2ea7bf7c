//! Explanations (规则追溯): for one request, which rules fired with their sources, and the inputs and
//! intermediate values the answer itself carries (SLA `counted` intervals, targets in seconds, fired escalations).

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::Value;

use super::exercised;
use crate::handbook::{Rule, Source};
use crate::Engine;

/// A request answered and explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trace {
    pub op: String,
    /// The rules the request exercised, with their sources, in the handbook's order.
    pub rules: Vec<Rule>,
    /// What happened, step by step, each line naming its rule where there is one.
    pub steps: Vec<TraceStep>,
    /// The answer, exactly as `Engine::handle` gives it.
    pub answer: Value,
}

/// One line of a trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceStep {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    pub text: String,
}

/// Answers `request` (one object) and explains the answer.
pub fn explain(engine: &Engine, request: &Value) -> Trace {
    let op = request
        .get("op")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    // Fee answers carry their formulas and inputs only when asked: ask.
    let mut asked = request.clone();
    if matches!(op.as_str(), "fees.quote" | "fees.bill") {
        if let Some(obj) = asked.as_object_mut() {
            obj.entry("explain").or_insert(Value::Bool(true));
        }
    }
    let request = &asked;
    let answer = engine.handle(request);
    let mut ids = BTreeSet::new();
    exercised(engine, request, &answer, &mut ids);
    let rules: Vec<Rule> = engine.rules().into_iter().filter(|r| ids.contains(&r.id)).collect();
    let op = request
        .get("op")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let mut steps = Vec::new();
    let mut say = |rule: Option<String>, text: String| steps.push(TraceStep { rule, text });
    match (answer.get("ok"), answer.get("error")) {
        (Some(ok), _) => match op.split_once('.').map(|(a, _)| a) {
            Some("sla") if op == "sla.evaluate" => sla_report(ok, &mut say),
            Some("sla") if op == "sla.batch" => {
                for r in ok.get("results").and_then(Value::as_array).into_iter().flatten() {
                    match r.get("ok") {
                        Some(report) => sla_report(report, &mut say),
                        None => say(None, format!("refused: {}", problem(r.get("error")))),
                    }
                }
            }
            Some("calendar") => calendar(request, ok, &mut say),
            Some("workflow") if op == "workflow.apply" || op == "workflow.state" => {
                let wf = s(request.get("workflow"));
                let state = if op == "workflow.apply" {
                    ok.get("state")
                } else {
                    Some(ok)
                };
                if let Some(e) = request.get("event") {
                    let to = s(state.and_then(|st| st.get("state")));
                    say(
                        Some(format!("workflow.{wf}.{}", s(e.get("name")))),
                        format!(
                            "{} by {} as {} → {to}",
                            s(e.get("name")),
                            s(e.get("actor")),
                            s(e.get("role"))
                        ),
                    );
                }
                workflow_state(&wf, state, &mut say);
            }
            Some("fees") if op == "fees.quote" => fee_lines(ok, &mut say),
            Some("fees") if op == "fees.bill" => {
                for b in ok.get("bills").and_then(Value::as_array).into_iter().flatten() {
                    say(None, format!("unit {} ({}):", s(b.get("unit")), s(b.get("use"))));
                    fee_lines(b, &mut say);
                }
                say(None, format!("run total {}", s(ok.get("total"))));
            }
            Some("fees") if op == "fees.topup" => {
                let item = s(ok.get("item"));
                for seg in ok.get("segments").and_then(Value::as_array).into_iter().flatten() {
                    say(
                        Some(format!("fees.item.{item}.tier[{}]", s(seg.get("tier")))),
                        format!("{} × {}", s(seg.get("quantity")), s(seg.get("price"))),
                    );
                }
                say(
                    Some(format!("fees.item.{item}")),
                    format!(
                        "quantity {} from position {}: exact {} → {} (unused {})",
                        s(ok.get("quantity")),
                        s(ok.get("used_before")),
                        s(ok.get("exact")),
                        s(ok.get("amount")),
                        s(ok.get("unused"))
                    ),
                );
            }
            _ => say(None, format!("answer: {ok}")),
        },
        (None, err) => say(None, format!("refused: {}", problem(err))),
    }
    Trace {
        op,
        rules,
        steps,
        answer,
    }
}

impl Trace {
    /// The trace as text for people.
    pub fn text(&self) -> String {
        let mut out = format!("{}\n", self.op);
        out.push_str("rules fired:\n");
        if self.rules.is_empty() {
            out.push_str("  (none)\n");
        }
        for r in &self.rules {
            out.push_str(&format!("  {:<44} {}\n", r.id, source_text(&r.source)));
        }
        out.push_str("trace:\n");
        for s in &self.steps {
            match &s.rule {
                Some(rule) => out.push_str(&format!("  [{rule}] {}\n", s.text)),
                None => out.push_str(&format!("  {}\n", s.text)),
            }
        }
        out
    }
}

fn source_text(s: &Source) -> String {
    match s {
        Source::Clause(c) => c.clone(),
        Source::Assumed { assumed } => format!("assumed: {assumed}"),
    }
}

fn problem(err: Option<&Value>) -> String {
    let get = |k: &str| err.and_then(|e| e.get(k)).and_then(Value::as_str).unwrap_or_default();
    match get("path") {
        "" => format!("[{}] {}", get("code"), get("message")),
        path => format!("[{}] at {path}: {}", get("code"), get("message")),
    }
}

fn s(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => "—".into(),
    }
}

fn sla_report(report: &Value, say: &mut impl FnMut(Option<String>, String)) {
    let kind = s(report.get("kind"));
    say(
        Some(format!("sla.{kind}")),
        format!(
            "ticket {} is a {kind} ({}), {}, cycle {}",
            s(report.get("ticket")),
            s(report.get("kind_name")),
            s(report.get("state")),
            s(report.get("cycle"))
        ),
    );
    for g in report.get("goals").and_then(Value::as_array).into_iter().flatten() {
        let measure = s(g.get("measure"));
        let rule = Some(format!("sla.{kind}.{measure}"));
        let clock = match g.get("calendar") {
            Some(c) => format!("business time on calendar {}", s(Some(c))),
            None => "wall clock".into(),
        };
        let counted: Vec<String> = g
            .get("counted")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|iv| format!("{} → {}", s(iv.get(0)), s(iv.get(1))))
            .collect();
        say(
            rule.clone(),
            format!(
                "cycle {}: target {} = {} s on the {clock}; started {}",
                s(g.get("cycle")),
                s(g.get("target")),
                s(g.get("target_seconds")),
                s(g.get("started_at"))
            ),
        );
        say(
            rule.clone(),
            format!(
                "counted: {}",
                if counted.is_empty() {
                    "nothing".into()
                } else {
                    counted.join(", ")
                }
            ),
        );
        say(
            rule.clone(),
            format!(
                "elapsed {} s, remaining {} s ({} % used) → {}; due {}{}{}",
                s(g.get("elapsed_seconds")),
                s(g.get("remaining_seconds")),
                s(g.get("percent_used")),
                s(g.get("state")),
                s(g.get("due_at")),
                g.get("stopped_at")
                    .map(|v| format!(", stopped {}", s(Some(v))))
                    .unwrap_or_default(),
                g.get("breached_at")
                    .map(|v| format!(", breached {}", s(Some(v))))
                    .unwrap_or_default(),
            ),
        );
        for w in g.get("warnings").and_then(Value::as_array).into_iter().flatten() {
            let reached = if w.get("reached") == Some(&Value::Bool(true)) {
                "reached"
            } else {
                "not yet"
            };
            say(
                rule.clone(),
                format!("warning at {} %: {} ({reached})", s(w.get("percent")), s(w.get("at"))),
            );
        }
        for e in g.get("escalations").and_then(Value::as_array).into_iter().flatten() {
            let role = s(e.get("role"));
            let fired = e.get("fired") == Some(&Value::Bool(true));
            let due = e.get("due") == Some(&Value::Bool(true));
            let state = match (fired, due) {
                (true, true) => "fired, due: act now",
                (true, false) => "fired",
                _ => "not fired",
            };
            say(
                Some(format!("sla.{kind}.{measure}.escalate.{role}")),
                format!(
                    "escalation to {role} on {} at {}: {state}",
                    s(e.get("when")),
                    s(e.get("at"))
                ),
            );
        }
        say(rule, format!("source {}", s(g.get("source"))));
    }
    for o in report
        .get("obligations_open")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        say(
            None,
            format!(
                "open obligation: {} (cycle {})",
                s(o.get("obligation")),
                s(o.get("cycle"))
            ),
        );
    }
    say(None, format!("next change at {}", s(report.get("next_change_at"))));
}

fn workflow_state(wf: &str, state: Option<&Value>, say: &mut impl FnMut(Option<String>, String)) {
    let Some(st) = state else { return };
    say(
        Some(format!("workflow.{wf}")),
        format!(
            "state {} since {} after {} event(s){}",
            s(st.get("state")),
            s(st.get("entered_at")),
            s(st.get("events")),
            if st.get("terminal") == Some(&Value::Bool(true)) {
                " (terminal)"
            } else {
                ""
            }
        ),
    );
    for t in st.get("timers").and_then(Value::as_array).into_iter().flatten() {
        let overdue = if t.get("overdue") == Some(&Value::Bool(true)) {
            "overdue"
        } else {
            "running"
        };
        say(
            Some(format!("workflow.{wf}.{}.timer", s(t.get("state")))),
            format!(
                "within {} from {}: due {} ({}), {overdue}",
                s(t.get("within")),
                s(t.get("started_at")),
                s(t.get("due_at")),
                s(t.get("responsible"))
            ),
        );
    }
    for k in ["accounts", "facts"] {
        if let Some(v) = st.get(k) {
            say(None, format!("{k} {v}"));
        }
    }
}

fn fee_lines(bill: &Value, say: &mut impl FnMut(Option<String>, String)) {
    for l in bill.get("lines").and_then(Value::as_array).into_iter().flatten() {
        let rule = match s(l.get("item")).as_str() {
            "late_fee" => "fees.arrears.late_fee".to_string(),
            item => format!("fees.item.{item}"),
        };
        say(
            Some(rule.clone()),
            format!("{}: {}", s(l.get("rule")), s(l.get("formula"))),
        );
        say(
            Some(rule),
            format!("inputs {}; exact {}", s(l.get("inputs")), s(l.get("exact"))),
        );
    }
    for k in ["vacancy_factor", "prepayment_factor"] {
        if let Some(f) = bill.get(k) {
            say(None, format!("{k} {}", s(Some(f))));
        }
    }
    say(
        None,
        format!("payer {}, total {}", s(bill.get("payer")), s(bill.get("total"))),
    );
}

fn calendar(request: &Value, ok: &Value, say: &mut impl FnMut(Option<String>, String)) {
    let rule = request
        .get("calendar")
        .and_then(Value::as_str)
        .map(|id| format!("calendar.{id}"));
    let inputs: Vec<String> = request
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| !matches!(k.as_str(), "op" | "id" | "calendar"))
        .map(|(k, v)| format!("{k} = {}", s(Some(v))))
        .collect();
    say(rule.clone(), format!("inputs: {}", inputs.join(", ")));
    say(rule, format!("answer: {ok}"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_breached_repair_names_its_rules_sources_and_counted_time() {
        let e = Engine::with_default_handbook().unwrap();
        let req = json!({"op": "sla.evaluate", "now": "2025-03-06T10:00:01+08:00", "ticket": {"id": "R-2",
            "kind": "major_repair", "events": [{"type": "created", "at": "2025-03-03T10:00:00+08:00"}]}});
        let t = explain(&e, &req);
        let ids: Vec<&str> = t.rules.iter().map(|r| r.id.as_str()).collect();
        assert!(ids.contains(&"sla.major_repair.resolution"), "{ids:?}");
        assert!(
            ids.contains(&"sla.major_repair.resolution.escalate.supervisor"),
            "{ids:?}"
        );
        assert!(
            !ids.contains(&"sla.major_repair.resolution.escalate.property_manager"),
            "{ids:?}"
        );
        let text = t.text();
        assert!(
            text.contains("sla.major_repair.resolution                  §2.2.1"),
            "{text}"
        );
        assert!(
            text.contains("counted: 2025-03-03T10:00:00+08:00 → 2025-03-06T10:00:01+08:00"),
            "{text}"
        );
        assert!(text.contains("target {\"working_days\":3} = 81000 s"), "{text}");
        assert!(text.contains("→ breached; due 2025-03-06T10:00:00+08:00"), "{text}");
    }

    #[test]
    fn a_refused_request_says_why() {
        let e = Engine::with_default_handbook().unwrap();
        let t = explain(
            &e,
            &json!({"op": "calendar.day", "calendar": "nope", "date": "2025-01-01"}),
        );
        assert!(t.rules.is_empty());
        assert!(
            t.text().contains("refused: [calendar.unknown] at calendar"),
            "{}",
            t.text()
        );
    }
}
