//! Rule coverage: which rules a request exercised — derived from the request and its answer, in one place per
//! area — and, over a suite, how many scenarios exercised each rule and which clauses none did.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use super::run::Report;
use crate::handbook::Rule;
use crate::Engine;

/// Adds to `out` the ids of the rules a request (or batch) exercised, judged by its answer.
pub fn exercised(engine: &Engine, request: &Value, answer: &Value, out: &mut BTreeSet<String>) {
    match (request, answer) {
        (Value::Array(reqs), Value::Array(answers)) => {
            for (r, a) in reqs.iter().zip(answers) {
                one(engine, r, a, out);
            }
        }
        (r, a) => one(engine, r, a, out),
    }
}

fn one(engine: &Engine, request: &Value, answer: &Value, out: &mut BTreeSet<String>) {
    let op = request.get("op").and_then(Value::as_str).unwrap_or_default();
    let Some(ok) = answer.get("ok") else {
        // A refused request exercised no rule, unless a rule refused it (a workflow's role list or guard).
        if let Some(err) = answer.get("error") {
            workflow_refusal(engine, op, request, err, out);
        }
        return;
    };
    match op.split_once('.').map(|(area, _)| area) {
        Some("calendar") => calendar(engine, request.get("calendar"), out),
        Some("sla") => sla(engine, op, request, ok, out),
        Some("org") => org(op, ok, out),
        Some("fees") => fees(engine, op, request, ok, out),
        Some("workflow" | "custody") => workflow(engine, op, request, ok, out),
        _ => {}
    }
}

/// `calendar.*`: the calendar asked about (by id, or an inline one's holiday set) and its holiday set.
fn calendar(engine: &Engine, calendar: Option<&Value>, out: &mut BTreeSet<String>) {
    match calendar {
        Some(Value::String(id)) => {
            if let Ok(cal) = engine.calendars().get(id) {
                out.insert(format!("calendar.{id}"));
                if let Some(set) = cal.holiday_set() {
                    out.insert(format!("holiday_set.{set}"));
                }
            }
        }
        Some(Value::Object(inline)) => {
            if let Some(set) = inline.get("holidays").and_then(Value::as_str) {
                out.insert(format!("holiday_set.{set}"));
            }
        }
        _ => {}
    }
}

/// `sla.*`: each report's kind, its goals, their calendars, the escalations that fired (and the roles they reach),
/// the satisfaction rule when a follow-up recorded an answer, the KPI rule for `sla.kpi`.
fn sla(engine: &Engine, op: &str, request: &Value, ok: &Value, out: &mut BTreeSet<String>) {
    let answered = |ticket: &Value| {
        ticket
            .get("events")
            .and_then(Value::as_array)
            .is_some_and(|es| es.iter().any(|e| e.get("satisfaction").is_some_and(Value::is_string)))
    };
    match op {
        "sla.evaluate" => {
            sla_report(engine, ok, out);
            if request.get("ticket").is_some_and(answered) {
                out.insert("sla.satisfaction".into());
            }
        }
        "sla.batch" => {
            for r in ok.get("results").and_then(Value::as_array).into_iter().flatten() {
                if let Some(report) = r.get("ok") {
                    sla_report(engine, report, out);
                }
            }
        }
        "sla.kpi" => {
            out.insert("sla.kpi".into());
            for group in ok.get("by_kind").and_then(Value::as_array).into_iter().flatten() {
                if let Some(kind) = group.get("key").and_then(Value::as_str) {
                    out.insert(format!("sla.{kind}"));
                }
            }
            let answers = ok.pointer("/satisfaction/answered").and_then(Value::as_u64);
            if answers.is_some_and(|n| n > 0) {
                out.insert("sla.satisfaction".into());
            }
        }
        _ => {}
    }
}

fn sla_report(engine: &Engine, report: &Value, out: &mut BTreeSet<String>) {
    let Some(kind) = report.get("kind").and_then(Value::as_str) else {
        return;
    };
    out.insert(format!("sla.{kind}"));
    for goal in report.get("goals").and_then(Value::as_array).into_iter().flatten() {
        let Some(measure) = goal.get("measure").and_then(Value::as_str) else {
            continue;
        };
        out.insert(format!("sla.{kind}.{measure}"));
        calendar(engine, goal.get("calendar"), out);
        for e in goal.get("escalations").and_then(Value::as_array).into_iter().flatten() {
            if e.get("fired") == Some(&Value::Bool(true)) {
                if let Some(role) = e.get("role").and_then(Value::as_str) {
                    out.insert(format!("sla.{kind}.{measure}.escalate.{role}"));
                    out.insert(format!("org.role.{role}"));
                }
            }
        }
    }
}

/// `org.*`: the roles in the answer, and the ladder for `org.escalate`.
fn org(op: &str, ok: &Value, out: &mut BTreeSet<String>) {
    let mut role = |v: Option<&Value>| {
        if let Some(id) = v.and_then(|r| r.get("id")).and_then(Value::as_str) {
            out.insert(format!("org.role.{id}"));
        }
    };
    match op {
        "org.role" => role(Some(ok)),
        "org.escalate" => {
            role(ok.get("from"));
            role(ok.get("to"));
            out.insert("org.escalation_ladder".into());
        }
        _ => {}
    }
}

/// `fees.*`: the unit's use, each billed item (and the tiers its reading crossed), the late fee, the discounts and
/// the unsold-unit rule when the answer applied them, day count and rounding when anything was billed; for top-ups
/// the item and its tiers; for arrears the late fee, ageing and dunning stage.
fn fees(engine: &Engine, op: &str, request: &Value, ok: &Value, out: &mut BTreeSet<String>) {
    let arr = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
    match op {
        "fees.quote" => fee_bill(engine, ok, request.get("unit"), out),
        "fees.bill" => {
            let units = arr(request.get("units"));
            for b in arr(ok.get("bills")) {
                let unit = units
                    .iter()
                    .find(|u| u.get("id").is_some() && u.get("id") == b.get("unit"));
                fee_bill(engine, &b, unit, out);
            }
            if !arr(ok.get("pools")).is_empty() {
                out.insert("fees.rounding".into());
            }
        }
        "fees.topup" => {
            if let Some(u) = request.get("use").and_then(Value::as_str) {
                out.insert(format!("fees.use.{u}"));
            }
            if let Some(item) = ok.get("item").and_then(Value::as_str) {
                out.insert(format!("fees.item.{item}"));
                out.insert("fees.rounding".into());
                if is_tiered(engine, item) {
                    for seg in arr(ok.get("segments")) {
                        if let Some(n) = seg.get("tier").and_then(Value::as_u64) {
                            out.insert(format!("fees.item.{item}.tier[{n}]"));
                        }
                    }
                }
            }
        }
        "fees.arrears" => {
            out.insert("fees.arrears.ageing".into());
            let late = arr(ok.get("charges"))
                .iter()
                .any(|c| c.get("late_fee_days").and_then(Value::as_u64).is_some_and(|d| d > 0));
            if late {
                out.insert("fees.arrears.late_fee".into());
            }
            if ok.get("stage").is_some_and(|s| !s.is_null()) {
                out.insert("fees.arrears.dunning".into());
            }
        }
        "fees.apportion" if ok.get("exact").is_some() => {
            out.insert("fees.rounding".into());
        }
        _ => {}
    }
}

fn is_tiered(engine: &Engine, item: &str) -> bool {
    let s = engine.fees();
    s.item_id(item)
        .and_then(|i| s.item(i))
        .is_some_and(|it| matches!(it.doc.charge, crate::fees::rules::Charge::Tiered(_)))
}

/// One unit's bill (a `fees.quote` answer or one bill of a run), with the unit as the request gave it.
fn fee_bill(engine: &Engine, bill: &Value, unit: Option<&Value>, out: &mut BTreeSet<String>) {
    if let Some(u) = bill.get("use").and_then(Value::as_str) {
        out.insert(format!("fees.use.{u}"));
    }
    let lines = bill
        .get("lines")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut billed = BTreeSet::new();
    for line in lines {
        match line.get("item").and_then(Value::as_str) {
            Some("late_fee") => {
                out.insert("fees.arrears.late_fee".into());
            }
            Some(item) => {
                billed.insert(item.to_string());
                out.insert(format!("fees.item.{item}"));
            }
            None => {}
        }
    }
    if !lines.is_empty() {
        out.insert("fees.day_count".into());
        out.insert("fees.rounding".into());
    }
    if bill.get("vacancy_factor").is_some() {
        out.insert("fees.vacancy".into());
    }
    if bill.get("prepayment_factor").is_some() {
        out.insert("fees.prepayment".into());
    }
    if bill.get("payer").and_then(Value::as_str).is_some_and(|p| p != "owner") {
        out.insert("fees.unsold".into());
    }
    let readings = unit.and_then(|u| u.get("readings")).and_then(Value::as_array);
    for r in readings.into_iter().flatten() {
        let Some(item) = r.get("item").and_then(Value::as_str) else {
            continue;
        };
        if billed.contains(item) && is_tiered(engine, item) {
            for n in tiers_crossed(engine, item, r) {
                out.insert(format!("fees.item.{item}.tier[{n}]"));
            }
        }
    }
}

/// The tiers (from 1) a reading's consumption falls in, from its `used_before` position.
fn tiers_crossed(engine: &Engine, item: &str, reading: &Value) -> Vec<usize> {
    use crate::money::Decimal;
    let dec = |k: &str| {
        reading
            .get(k)
            .and_then(Value::as_str)
            .and_then(|t| t.parse::<Decimal>().ok())
    };
    let s = engine.fees();
    let (Some(it), Some(prev), Some(cur)) = (s.item_id(item).and_then(|i| s.item(i)), dec("previous"), dec("current"))
    else {
        return Vec::new();
    };
    let before = dec("used_before").unwrap_or(Decimal::ZERO);
    let mut tiers = Vec::new();
    if let Ok(quantity) = cur.checked_sub(prev) {
        let _ = crate::fees::segments(&it.tiers, before, quantity, |seg| {
            tiers.push(seg.tier + 1);
            Ok(())
        });
    }
    tiers
}

/// The definition a `workflow.*` or `custody.*` request is about.
fn definition<'e>(engine: &'e Engine, op: &str, request: &Value) -> Option<&'e crate::workflow::Definition> {
    if op.starts_with("custody.") {
        engine.workflows().custody().ok()
    } else {
        engine.workflows().get(request.get("workflow").and_then(Value::as_str)?)
    }
}

/// The rule of the transition an event made (into `to`), or, without `to`, the one transition it names.
fn transition(def: &crate::workflow::Definition, event: &str, to: Option<&str>) -> Option<(usize, String)> {
    let matches: Vec<usize> = (0..def.transitions.len())
        .filter(|&i| {
            def.transitions.get(i).is_some_and(|t| {
                t.event == event && to.is_none_or(|to| def.states.get(t.to).is_some_and(|s| s.id == to))
            })
        })
        .collect();
    match matches.as_slice() {
        [i] => Some((*i, crate::workflow::transition_rule_id(def, *i))),
        _ => None,
    }
}

/// `workflow.*`, `custody.*`: the workflow; for an accepted event its transition, the guards that held and the
/// role that acted; the timers the state runs (and the roles responsible); overdue timers.
fn workflow(engine: &Engine, op: &str, request: &Value, ok: &Value, out: &mut BTreeSet<String>) {
    let Some(def) = definition(engine, op, request) else {
        if op == "workflow.overdue" {
            for o in ok.get("overdue").and_then(Value::as_array).into_iter().flatten() {
                let (Some(w), Some(st)) = (o.get("workflow"), o.get("state")) else {
                    continue;
                };
                out.insert(format!("workflow.{}.{}.timer", text(w), text(st)));
                out.insert(format!("workflow.{}", text(w)));
                if let Some(role) = o.get("responsible").and_then(Value::as_str) {
                    out.insert(format!("org.role.{role}"));
                }
            }
        }
        return;
    };
    out.insert(format!("workflow.{}", def.id));
    // The history was replayed and accepted: its transitions (and their guards) were applied again.
    let history = request
        .get("history")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for i in replay(def, history, op.starts_with("custody.")) {
        if let Some(t) = def.transitions.get(i) {
            out.insert(crate::workflow::transition_rule_id(def, i));
            for g in &t.guards {
                out.insert(format!("workflow.guard.{}", g.id));
            }
        }
    }
    let state = match op {
        "workflow.apply" => ok.get("state"),
        "workflow.state" => Some(ok),
        _ => None,
    };
    let event = request.get("event");
    let entered = match op {
        "workflow.apply" => state.and_then(|s| s.get("state")).and_then(Value::as_str),
        "custody.apply" => {
            let key = event.and_then(|e| e.get("key"));
            ok.pointer("/ledger/keys")
                .and_then(Value::as_array)
                .and_then(|keys| keys.iter().find(|k| key.is_some() && k.get("key") == key))
                .and_then(|k| k.get("place"))
                .and_then(Value::as_str)
        }
        _ => None,
    };
    if let (Some(to), Some(name)) = (entered, event.and_then(|e| e.get("name")).and_then(Value::as_str)) {
        if let Some((i, id)) = transition(def, name, Some(to)) {
            out.insert(id);
            for g in def.transitions.get(i).map(|t| t.guards.as_slice()).unwrap_or_default() {
                out.insert(format!("workflow.guard.{}", g.id));
            }
            if let Some(role) = event.and_then(|e| e.get("role")).and_then(Value::as_str) {
                out.insert(format!("org.role.{role}"));
            }
        }
    }
    for t in state
        .and_then(|s| s.get("timers"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(st) = t.get("state").and_then(Value::as_str) {
            out.insert(format!("workflow.{}.{st}.timer", def.id));
        }
        if let Some(role) = t.get("responsible").and_then(Value::as_str) {
            out.insert(format!("org.role.{role}"));
        }
    }
}

/// The transitions an accepted history made, walked from the initial state (per key for the custody ledger).
fn replay(def: &crate::workflow::Definition, history: &[Value], per_key: bool) -> Vec<usize> {
    let mut states: Vec<(Option<&Value>, usize)> = Vec::new();
    let mut made = Vec::new();
    for e in history {
        let key = if per_key { e.get("key") } else { None };
        let Some(name) = e.get("name").and_then(Value::as_str) else {
            continue;
        };
        let slot = match states.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                states.push((key, def.initial));
                states.len() - 1
            }
        };
        let Some(cur) = states.get(slot).map(|(_, s)| *s) else {
            continue;
        };
        let found = def
            .transitions
            .iter()
            .position(|t| t.event == name && t.from.contains(&cur));
        if let (Some(i), Some(t), Some(entry)) =
            (found, found.and_then(|i| def.transitions.get(i)), states.get_mut(slot))
        {
            entry.1 = t.to;
            made.push(i);
        }
    }
    made
}

/// An event refused by a rule exercised it: the transition whose role list refused it, or the guard that failed
/// (named in the message, ``guard `id` failed``).
fn workflow_refusal(engine: &Engine, op: &str, request: &Value, err: &Value, out: &mut BTreeSet<String>) {
    if !matches!(op, "workflow.apply" | "custody.apply") {
        return;
    }
    let path = err.get("path").and_then(Value::as_str).unwrap_or_default();
    if !path.starts_with("event") {
        return; // refused inside the history: the new event was never judged
    }
    let Some(def) = definition(engine, op, request) else {
        return;
    };
    let name = request
        .pointer("/event/name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    match err.get("code").and_then(Value::as_str) {
        Some("workflow.role_not_allowed") => {
            if let Some((_, id)) = transition(def, name, None) {
                out.insert(id);
            }
        }
        Some("workflow.guard_failed") => {
            if let Some((_, id)) = transition(def, name, None) {
                out.insert(id);
            }
            let message = err.get("message").and_then(Value::as_str).unwrap_or_default();
            if let Some(guard) = message.strip_prefix("guard `").and_then(|m| m.split('`').next()) {
                out.insert(format!("workflow.guard.{guard}"));
            }
        }
        _ => {}
    }
}

fn text(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

/// One rule and how many scenarios exercised it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCoverage {
    #[serde(flatten)]
    pub rule: Rule,
    pub scenarios: usize,
}

/// One clause (§…) and how many of its rules and scenarios touched it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClauseCoverage {
    pub clause: String,
    pub rules: usize,
    pub rules_exercised: usize,
    pub scenarios: usize,
}

/// Rule coverage of one handbook by a suite of scenarios.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub handbook: String,
    pub scenarios: usize,
    pub rules: Vec<RuleCoverage>,
    pub clauses: Vec<ClauseCoverage>,
    /// Clauses no scenario exercised a rule of.
    pub uncovered_clauses: Vec<String>,
}

impl Coverage {
    /// Counts, for each rule, the reports (of this handbook group) that exercised it.
    pub fn of(handbook: &str, rules: Vec<Rule>, reports: &[Report]) -> Coverage {
        let reports: Vec<&Report> = reports
            .iter()
            .filter(|r| r.malformed.is_none() && r.handbook == handbook)
            .collect();
        let rules: Vec<RuleCoverage> = rules
            .into_iter()
            .map(|rule| RuleCoverage {
                scenarios: reports.iter().filter(|r| r.exercised.contains(&rule.id)).count(),
                rule,
            })
            .collect();
        let mut by_clause: BTreeMap<&str, (usize, usize, BTreeSet<usize>)> = BTreeMap::new();
        for rc in &rules {
            if let Some(clause) = rc.rule.clause.as_deref() {
                let entry = by_clause.entry(clause).or_default();
                entry.0 += 1;
                if rc.scenarios > 0 {
                    entry.1 += 1;
                }
                for (i, r) in reports.iter().enumerate() {
                    if r.exercised.contains(&rc.rule.id) {
                        entry.2.insert(i);
                    }
                }
            }
        }
        let mut clauses: Vec<ClauseCoverage> = by_clause
            .into_iter()
            .map(|(clause, (rules, exercised, scenarios))| ClauseCoverage {
                clause: clause.to_string(),
                rules,
                rules_exercised: exercised,
                scenarios: scenarios.len(),
            })
            .collect();
        clauses.sort_by_key(|c| clause_key(&c.clause));
        let uncovered_clauses = clauses
            .iter()
            .filter(|c| c.rules_exercised == 0)
            .map(|c| c.clause.clone())
            .collect();
        Coverage {
            handbook: handbook.to_string(),
            scenarios: reports.len(),
            rules,
            clauses,
            uncovered_clauses,
        }
    }

    /// A plain-text table: every rule with its count, then the clauses, then those with no scenario.
    pub fn table(&self) -> String {
        let width = self.rules.iter().map(|r| r.rule.id.len()).max().unwrap_or(4).max(4);
        let mut out = format!(
            "rule coverage of the {} handbook ({} scenario(s))\n",
            self.handbook, self.scenarios
        );
        out.push_str(&format!("{:<width$}  scenarios  source\n", "rule"));
        for rc in &self.rules {
            let source = match (&rc.rule.source, &rc.rule.clause) {
                (crate::handbook::Source::Clause(c), _) => c.clone(),
                (crate::handbook::Source::Assumed { .. }, Some(c)) => format!("assumed (under {c})"),
                (crate::handbook::Source::Assumed { .. }, None) => "assumed".into(),
            };
            out.push_str(&format!("{:<width$}  {:>9}  {source}\n", rc.rule.id, rc.scenarios));
        }
        let covered = self.clauses.len() - self.uncovered_clauses.len();
        out.push_str(&format!("clauses: {covered} of {} covered\n", self.clauses.len()));
        for c in &self.clauses {
            out.push_str(&format!(
                "  {:<8} {}/{} rule(s) exercised, {} scenario(s)\n",
                c.clause, c.rules_exercised, c.rules, c.scenarios
            ));
        }
        if self.uncovered_clauses.is_empty() {
            out.push_str("clauses with no scenario: none\n");
        } else {
            out.push_str(&format!(
                "clauses with no scenario: {}\n",
                self.uncovered_clauses.join(", ")
            ));
        }
        out
    }
}

/// Sorts `§2.1.10` after `§2.1.9`.
fn clause_key(c: &str) -> Vec<u64> {
    c.trim_start_matches('§')
        .split('.')
        .map(|n| n.parse().unwrap_or(u64::MAX))
        .collect()
}
