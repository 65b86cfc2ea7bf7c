//! `sla.*` ops: evaluate tickets against the handbook's service promises.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{args, ok};
use crate::calendar::{Basis, Span};
use crate::error::Problem;
use crate::sla::{GoalState, Measure, Ticket, TicketReport};
use crate::time::{Instant, Local};
use crate::Engine;

pub(crate) fn handle(engine: &Engine, op: &str, raw: &Value) -> Result<Value, Problem> {
    let sla = &engine.sla;
    match op {
        "sla.evaluate" => {
            let r: EvaluateRequest = args(raw)?;
            let report = sla.evaluate(&r.ticket, r.now).map_err(|e| e.problem().at("ticket"))?;
            ok(&report)
        }
        "sla.batch" => {
            let r: BatchRequest = args(raw)?;
            let window = match r.due_within {
                Some(span) if span.basis() != Basis::Calendar => {
                    let msg = "`due_within` is wall-clock time: hours, minutes or days";
                    return Err(Problem::new("request.invalid_value", msg).at("due_within"));
                }
                Some(span) => Some(
                    r.now
                        .plus(span.amount())
                        .map_err(|e| Problem::from(e).at("due_within"))?,
                ),
                None => None,
            };
            let answer = batch(engine, &r.tickets, r.now, window);
            ok(&answer)
        }
        "sla.kpi" => {
            let r: KpiRequest = args(raw)?;
            let kpi = sla
                .kpi(&r.tickets, r.now)
                .map_err(|(i, e)| e.problem().at(format!("tickets[{i}]")))?;
            ok(&kpi)
        }
        "sla.kinds" => {
            let _: Empty = args(raw)?;
            let kinds: Vec<KindInfo> = sla
                .kinds()
                .iter()
                .map(|k| KindInfo {
                    id: &k.id,
                    name: &k.name,
                    goals: k
                        .goals
                        .iter()
                        .map(|g| GoalInfo {
                            measure: g.measure,
                            target: g.target,
                        })
                        .collect(),
                })
                .collect();
            ok(&kinds)
        }
        _ => Err(super::unknown_op(op)),
    }
}

/// Evaluates every ticket (one refused ticket does not spoil the rest) and lists what needs attention.
fn batch<'a>(engine: &'a Engine, tickets: &'a [Ticket], now: Instant, window: Option<Instant>) -> BatchAnswer<'a> {
    let mut answer = BatchAnswer::default();
    for (i, ticket) in tickets.iter().enumerate() {
        match engine.sla.evaluate(ticket, now) {
            Ok(report) => {
                if report.is_overdue() {
                    answer.overdue.push(report.ticket);
                }
                let due_soon = |r: &TicketReport| {
                    r.goals
                        .iter()
                        .any(|g| g.state == GoalState::Running && g.due_at.zip(window).is_some_and(|(d, w)| d.0 <= w))
                };
                if due_soon(&report) {
                    answer.due_soon.push(report.ticket);
                }
                for e in &report.escalations_due {
                    answer.escalations_due.push(BatchEscalation {
                        ticket: report.ticket,
                        role: e.role,
                        measure: e.measure,
                        since: e.since,
                    });
                }
                answer.results.push(Outcome::Ok(Box::new(report)));
            }
            Err(e) => answer
                .results
                .push(Outcome::Error(e.problem().at(format!("tickets[{i}]")))),
        }
    }
    answer
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EvaluateRequest {
    ticket: Ticket,
    now: Instant,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchRequest {
    tickets: Vec<Ticket>,
    now: Instant,
    #[serde(default)]
    due_within: Option<Span>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KpiRequest {
    tickets: Vec<Ticket>,
    now: Instant,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Empty {}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Outcome<'a> {
    Ok(Box<TicketReport<'a>>),
    Error(Problem),
}

#[derive(Serialize)]
struct BatchEscalation<'a> {
    ticket: &'a str,
    role: &'a str,
    measure: Measure,
    since: Local,
}

#[derive(Serialize, Default)]
struct BatchAnswer<'a> {
    results: Vec<Outcome<'a>>,
    overdue: Vec<&'a str>,
    due_soon: Vec<&'a str>,
    escalations_due: Vec<BatchEscalation<'a>>,
}

#[derive(Serialize)]
struct KindInfo<'a> {
    id: &'a str,
    name: &'a str,
    goals: Vec<GoalInfo>,
}

#[derive(Serialize)]
struct GoalInfo {
    measure: Measure,
    target: Span,
}
