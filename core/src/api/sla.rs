//! `sla.*` ops: evaluate tickets against the handbook's service promises.

use serde::{Deserialize, Serialize};

use super::Exchange;
use crate::calendar::{Basis, Span};
use crate::error::Problem;
use crate::sla::{GoalState, Measure, Ticket, TicketReport};
use crate::time::{Instant, Local};
use crate::Engine;

pub(crate) fn handle<X: Exchange>(engine: &Engine, op: &str, x: &mut X) -> Result<X::Answer, Problem> {
    let sla = &engine.sla;
    match op {
        "sla.evaluate" => {
            let r: EvaluateRequest = x.args()?;
            let report = sla.evaluate(&r.ticket, r.now).map_err(|e| e.problem().at("ticket"))?;
            x.ok(&report)
        }
        "sla.batch" => {
            let r: BatchRequest = x.args()?;
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
            x.ok(&answer)
        }
        "sla.kpi" => {
            let r: KpiRequest = x.args()?;
            let kpi = sla
                .kpi(&r.tickets, r.now)
                .map_err(|(i, e)| e.problem().at(format!("tickets[{i}]")))?;
            x.ok(&kpi)
        }
        "sla.kinds" => {
            let _: super::Empty = x.args()?;
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
            x.ok(&kinds)
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
