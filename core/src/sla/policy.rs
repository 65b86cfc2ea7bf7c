//! SLA policies in the handbook: request kinds, their goals, warnings, escalations and obligations.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::calendar::{Basis, Calendar, Span};
use crate::engine::Context;
use crate::handbook::{Diagnostics, RoleId, Source};
use crate::time::Offset;

/// What a goal measures (考核节点).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// From creation to the first acknowledgement (响应).
    FirstResponse,
    /// From creation (or reopening) to resolution (处理完毕).
    Resolution,
    /// From resolution to the return visit (回访).
    FollowUp,
}

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::FirstResponse => "first_response",
            Measure::Resolution => "resolution",
            Measure::FollowUp => "follow_up",
        }
    }
}

/// When an escalation fires, relative to its goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// When the goal starts (emergencies go to the property manager at once, §2.1.5).
    Start,
    /// When the goal is breached.
    Breach,
}

/// A duty a breach creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Obligation {
    /// Explain the delay to the owner or occupant (向业主及使用人及时解释说明, §2.2.1); met by `owner_informed`.
    ExplainToOwner,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EscalationDoc {
    /// The role the matter goes up to.
    pub role: String,
    pub when: Trigger,
    /// Delay after the trigger, on the goal's calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GoalDoc {
    pub measure: Measure,
    pub target: Span,
    /// Calendar for business-time and working-day targets (and delays).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// Percentages of the target at which a warning is raised, ascending, each 1..=99.
    #[serde(default)]
    pub warn_at_percent: Vec<u8>,
    #[serde(default)]
    pub escalations: Vec<EscalationDoc>,
    #[serde(default)]
    pub on_breach: Vec<Obligation>,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KindDoc {
    pub name: String,
    pub source: Source,
    #[cfg_attr(feature = "schema", schemars(with = "Vec<GoalDoc>"))]
    pub goals: Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SatisfactionDoc {
    /// Every answer a follow-up visit may record.
    pub answers: Vec<String>,
    /// The answers that count as satisfied.
    pub satisfied: Vec<String>,
    /// Target rate in percent (§2.2.9: 95).
    pub target_percent: u8,
    pub source: Source,
}

/// The `sla` member of a handbook.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SlaDoc {
    /// Offset in which answers show instants (default +08:00).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub utc_offset: Option<Offset>,
    /// Request kinds by id (consultation, minor_repair, …): a company may add its own.
    #[cfg_attr(feature = "schema", schemars(with = "std::collections::BTreeMap<String, KindDoc>"))]
    pub kinds: Value,
    pub satisfaction: SatisfactionDoc,
}

/// A compiled escalation rule.
#[derive(Debug, Clone)]
pub struct Escalation {
    pub role: RoleId,
    pub role_id: String,
    pub when: Trigger,
    pub after: Option<Span>,
    pub source: Option<Source>,
}

/// A compiled goal of a request kind.
#[derive(Debug, Clone)]
pub struct Goal {
    pub measure: Measure,
    pub target: Span,
    pub calendar: Option<(String, Arc<Calendar>)>,
    pub warn_at_percent: Vec<u8>,
    pub escalations: Vec<Escalation>,
    pub on_breach: Vec<Obligation>,
    /// `on_breach` holds `explain_to_owner` (read once per evaluated goal).
    pub explain_on_breach: bool,
    pub source: Source,
}

/// A compiled request kind (报事类型).
#[derive(Debug, Clone)]
pub struct Kind {
    pub id: String,
    pub name: String,
    pub source: Source,
    pub goals: Vec<Goal>,
}

/// How follow-up answers count toward the satisfaction rate (满意率).
#[derive(Debug, Clone, Default)]
pub struct Satisfaction {
    pub answers: Vec<String>,
    pub satisfied: Vec<String>,
    pub target_percent: u8,
    pub source: Option<Source>,
}

/// The compiled `sla` section.
#[derive(Debug, Clone)]
pub struct Section {
    pub(crate) offset: Offset,
    pub(crate) kinds: Vec<Kind>,
    /// `(fingerprint of the id, index into kinds)`, sorted: finding a ticket's kind costs a few multiplications
    /// and one string comparison instead of SipHash.
    pub(crate) by_id: Vec<(u64, usize)>,
    pub(crate) satisfaction: Satisfaction,
}

impl Default for Section {
    fn default() -> Self {
        Section {
            offset: Offset::CHINA,
            kinds: Vec::new(),
            by_id: Vec::new(),
            satisfaction: Satisfaction::default(),
        }
    }
}

impl Section {
    /// A request kind by id.
    pub fn kind(&self, id: &str) -> Option<&Kind> {
        let key = fingerprint(id);
        let first = self.by_id.partition_point(|&(fp, _)| fp < key);
        self.by_id[first..]
            .iter()
            .take_while(|&&(fp, _)| fp == key)
            .filter_map(|&(_, i)| self.kinds.get(i))
            .find(|k| k.id == id)
    }

    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    pub fn satisfaction(&self) -> &Satisfaction {
        &self.satisfaction
    }

    /// The offset in which answers show instants.
    pub fn offset(&self) -> Offset {
        self.offset
    }
}

/// A cheap, non-cryptographic hash of a kind id (ids come from the handbook; a collision only costs a string
/// comparison).
fn fingerprint(id: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let b = id.as_bytes();
    // The first and the last eight bytes (overlapping when shorter than 16); shorter ids byte by byte.
    let (head, tail) = match (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        (Some(h), Some(t)) => (u64::from_le_bytes(*h), u64::from_le_bytes(*t)),
        _ => (b.iter().fold(0, |h, &x| h << 8 | u64::from(x)), 0),
    };
    ((b.len() as u64 ^ head).wrapping_mul(K).rotate_left(29) ^ tail).wrapping_mul(K)
}

/// Compiles the `sla` member, checking every reference (calendars, roles) and every number.
pub fn compile(value: Option<&Value>, cx: &Context, d: &mut Diagnostics) -> Section {
    let mut section = Section::default();
    let Some(value) = value else {
        d.error("handbook.missing_field", "sla", "the handbook needs an sla section");
        return section;
    };
    let Some(doc) = d.parse::<SlaDoc>(value, "sla") else {
        return section;
    };
    section.offset = doc.utc_offset.unwrap_or(Offset::CHINA);
    for (path, id, kind) in d.parse_members::<KindDoc>(&doc.kinds, "sla.kinds") {
        kind.source.validate(&format!("{path}.source"), d);
        let goals = d.parse_each::<GoalDoc>(&kind.goals, &format!("{path}.goals"));
        let mut compiled = Vec::with_capacity(goals.len());
        for (goal_path, goal) in goals {
            if compiled.iter().any(|g: &Goal| g.measure == goal.measure) {
                d.error(
                    "sla.duplicate_goal",
                    &format!("{goal_path}.measure"),
                    format!("`{}` is measured twice", goal.measure.as_str()),
                );
                continue;
            }
            if let Some(g) = compile_goal(&goal_path, goal, cx, d) {
                compiled.push(g);
            }
        }
        section.kinds.push(Kind {
            id,
            name: kind.name,
            source: kind.source,
            goals: compiled,
        });
    }
    let mut by_id: Vec<(u64, usize)> = section.kinds.iter().map(|k| fingerprint(&k.id)).zip(0..).collect();
    by_id.sort_unstable();
    section.by_id = by_id;
    if section.kinds.is_empty() {
        d.error("sla.no_kinds", "sla.kinds", "define at least one request kind");
    }
    let s = doc.satisfaction;
    s.source.validate("sla.satisfaction.source", d);
    for (i, answer) in s.satisfied.iter().enumerate() {
        if !s.answers.contains(answer) {
            d.error(
                "sla.unknown_answer",
                &format!("sla.satisfaction.satisfied[{i}]"),
                format!("`{answer}` is not among `answers`"),
            );
        }
    }
    if s.target_percent == 0 || s.target_percent > 100 {
        d.error(
            "handbook.invalid_value",
            "sla.satisfaction.target_percent",
            "a rate in percent, 1..=100",
        );
    }
    section.satisfaction = Satisfaction {
        answers: s.answers,
        satisfied: s.satisfied,
        target_percent: s.target_percent,
        source: Some(s.source),
    };
    section
}

fn compile_goal(path: &str, goal: GoalDoc, cx: &Context, d: &mut Diagnostics) -> Option<Goal> {
    goal.source.validate(&format!("{path}.source"), d);
    let mut ok = true;
    if goal.target.amount() == 0 {
        d.error(
            "sla.zero_target",
            &format!("{path}.target"),
            "a target must be longer than zero",
        );
        ok = false;
    }
    let needs_calendar = goal.target.basis() != Basis::Calendar
        || goal
            .escalations
            .iter()
            .any(|e| e.after.is_some_and(|a| a.basis() != Basis::Calendar));
    let calendar = match &goal.calendar {
        Some(id) => match cx.calendars.reference(id, &format!("{path}.calendar"), d) {
            Some(c) => Some((id.clone(), Arc::clone(c))),
            None => {
                ok = false;
                None
            }
        },
        None if needs_calendar => {
            d.error(
                "sla.calendar_required",
                &format!("{path}.calendar"),
                "business-time and working-day spans need a calendar",
            );
            ok = false;
            None
        }
        None => None,
    };
    let ascending = goal.warn_at_percent.windows(2).all(|w| w[0] < w[1]);
    if !ascending || goal.warn_at_percent.iter().any(|p| !(1..=99).contains(p)) {
        d.error(
            "sla.invalid_warning",
            &format!("{path}.warn_at_percent"),
            "warnings are ascending percentages within 1..=99",
        );
        ok = false;
    }
    let mut escalations = Vec::new();
    for (i, e) in goal.escalations.iter().enumerate() {
        let p = format!("{path}.escalations[{i}]");
        if let Some(source) = &e.source {
            source.validate(&format!("{p}.source"), d);
        }
        match cx.org.resolve(&e.role, &format!("{p}.role"), d) {
            Some(role) => escalations.push(Escalation {
                role,
                role_id: e.role.clone(),
                when: e.when,
                after: e.after,
                source: e.source.clone(),
            }),
            None => ok = false,
        }
    }
    ok.then_some(Goal {
        measure: goal.measure,
        target: goal.target,
        calendar,
        warn_at_percent: goal.warn_at_percent,
        escalations,
        explain_on_breach: goal.on_breach.contains(&Obligation::ExplainToOwner),
        on_breach: goal.on_breach,
        source: goal.source,
    })
}

/// The built-in KPI definitions (on-time rate per assignee, resolution times) the supervisor assesses staff with
/// (§2.1.8); their definitions live in the library (docs/sla.md), the clause in the handbook.
const KPI_CLAUSE: &str = "§2.1.8";

impl Section {
    /// The section's rules: each kind (`sla.<kind>`), its goals (`sla.<kind>.<measure>`) and their escalations
    /// (`sla.<kind>.<measure>.escalate.<role>`), the satisfaction rule (`sla.satisfaction`) and the KPIs (`sla.kpi`).
    pub fn rules(&self) -> Vec<crate::handbook::Rule> {
        use crate::handbook::Rule;
        let mut rules = Vec::new();
        for kind in &self.kinds {
            let kind_clause = kind.source.clause();
            rules.push(Rule::new(format!("sla.{}", kind.id), &kind.source, None));
            for goal in &kind.goals {
                let goal_id = format!("sla.{}.{}", kind.id, goal.measure.as_str());
                let goal_rule = Rule::new(goal_id.clone(), &goal.source, kind_clause);
                let goal_clause = goal_rule.clause.clone();
                rules.push(goal_rule);
                for e in &goal.escalations {
                    let id = format!("{goal_id}.escalate.{}", e.role_id);
                    let source = e.source.as_ref().unwrap_or(&goal.source);
                    rules.push(Rule::new(id, source, goal_clause.as_deref()));
                }
            }
        }
        if let Some(source) = &self.satisfaction.source {
            rules.push(Rule::new("sla.satisfaction", source, None));
        }
        rules.push(Rule::new("sla.kpi", &Source::Clause(KPI_CLAUSE.into()), None));
        rules
    }
}
