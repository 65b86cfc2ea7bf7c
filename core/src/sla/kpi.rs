//! Service KPIs (考核指标, §2.1.8, §2.2.9): on-time rates, resolution times and owner satisfaction.
//!
//! Definitions: a goal counts toward the on-time rate once decided — met, met late or breached (running and
//! cancelled goals are left out); the rate is met / decided. Resolution time is the business (or wall) time a
//! resolution goal's clock ran, pauses excluded; p90 is the nearest-rank 90th percentile. Satisfaction is the
//! share of follow-up visits *with an answer* whose answer the handbook lists as satisfied; visits without an
//! answer are counted apart and are not in the denominator. Rates are decimal strings, floored to 0.01 %.

use std::collections::BTreeMap;

use serde::Serialize;

use super::evaluate::{GoalState, TicketReport};
use super::policy::{Measure, Section};
use super::ticket::{Event, Ticket};
use super::SlaError;
use crate::time::Instant;

/// KPIs of one group of tickets (a kind or an assignee).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KpiGroup {
    pub key: String,
    pub tickets: u32,
    pub goals_decided: u32,
    pub goals_on_time: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_time_percent: Option<String>,
    pub resolutions: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_resolution_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p90_resolution_seconds: Option<i64>,
    #[serde(skip)]
    durations: Vec<i64>,
}

/// Owner satisfaction against the handbook's target (§2.2.9: 95 %).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SatisfactionKpi {
    pub answered: u32,
    pub satisfied: u32,
    pub without_answer: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<String>,
    pub target_percent: u8,
    pub meets_target: bool,
    pub satisfied_answers: Vec<String>,
}

/// KPIs over a set of tickets at `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kpi {
    pub tickets: u32,
    pub by_kind: Vec<KpiGroup>,
    pub by_assignee: Vec<KpiGroup>,
    pub satisfaction: SatisfactionKpi,
}

/// `num / den` as a percentage with two decimals, floored; `None` without a denominator.
pub(crate) fn percent(num: u64, den: u64) -> Option<String> {
    (den > 0).then(|| {
        let bp = num * 10_000 / den;
        format!("{}.{:02}", bp / 100, bp % 100)
    })
}

impl KpiGroup {
    fn add(&mut self, report: &TicketReport) {
        self.tickets += 1;
        for g in &report.goals {
            if matches!(g.state, GoalState::Met | GoalState::MetLate | GoalState::Breached) {
                self.goals_decided += 1;
                self.goals_on_time += u32::from(g.state == GoalState::Met);
            }
            if g.measure == Measure::Resolution && matches!(g.state, GoalState::Met | GoalState::MetLate) {
                self.durations.push(g.elapsed_seconds);
            }
        }
    }

    fn finish(mut self) -> KpiGroup {
        self.on_time_percent = percent(u64::from(self.goals_on_time), u64::from(self.goals_decided));
        self.durations.sort_unstable();
        let n = self.durations.len();
        self.resolutions = n as u32;
        if n > 0 {
            self.mean_resolution_seconds = Some(self.durations.iter().sum::<i64>() / n as i64);
            self.p90_resolution_seconds = Some(self.durations[(n * 9).div_ceil(10) - 1]);
        }
        self
    }
}

impl Section {
    /// KPIs for `tickets` at `now`; a refused ticket makes the whole answer an error naming it.
    pub fn kpi(&self, tickets: &[Ticket], now: Instant) -> Result<Kpi, (usize, SlaError)> {
        let mut by_kind: BTreeMap<&str, KpiGroup> = BTreeMap::new();
        let mut by_assignee: BTreeMap<&str, KpiGroup> = BTreeMap::new();
        let (mut answered, mut satisfied, mut without_answer) = (0u32, 0u32, 0u32);
        for (i, ticket) in tickets.iter().enumerate() {
            let report = self.evaluate(ticket, now).map_err(|e| (i, e))?;
            by_kind.entry(report.kind).or_default().add(&report);
            by_assignee
                .entry(report.assignee.unwrap_or("(unassigned)"))
                .or_default()
                .add(&report);
            for e in &ticket.events {
                if let Event::FollowUpDone { satisfaction, .. } = e {
                    match satisfaction {
                        Some(a) => {
                            answered += 1;
                            satisfied += u32::from(self.satisfaction.satisfied.contains(a));
                        }
                        None => without_answer += 1,
                    }
                }
            }
        }
        let finish = |groups: BTreeMap<&str, KpiGroup>| -> Vec<KpiGroup> {
            groups
                .into_iter()
                .map(|(key, g)| KpiGroup { key: key.into(), ..g }.finish())
                .collect()
        };
        let target = self.satisfaction.target_percent;
        Ok(Kpi {
            tickets: tickets.len() as u32,
            by_kind: finish(by_kind),
            by_assignee: finish(by_assignee),
            satisfaction: SatisfactionKpi {
                answered,
                satisfied,
                without_answer,
                percent: percent(u64::from(satisfied), u64::from(answered)),
                target_percent: target,
                meets_target: answered > 0 && u64::from(satisfied) * 100 >= u64::from(target) * u64::from(answered),
                satisfied_answers: self.satisfaction.satisfied.clone(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percentages_are_floored_decimal_strings() {
        assert_eq!(percent(19, 20).as_deref(), Some("95.00"));
        assert_eq!(percent(2, 3).as_deref(), Some("66.66"));
        assert_eq!(percent(0, 0), None);
    }
}
