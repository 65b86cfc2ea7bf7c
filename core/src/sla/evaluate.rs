//! Evaluating a ticket against its kind's goals at a given `now`: states, due instants, warnings, escalations,
//! obligations and the next instant at which any of them changes.

use serde::Serialize;
use smallvec::SmallVec;

use super::clock::Clock;
use super::policy::{Goal, Kind, Measure, Section, Trigger};
use super::ticket::{Ending, Ticket, TicketError, Timeline};
use super::SlaError;
use crate::calendar::{Basis, CalendarError, Span};
use crate::handbook::Source;
use crate::time::{Instant, Local, Offset};

/// Where a goal stands (考核状态).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalState {
    Running,
    Paused,
    Met,
    Breached,
    MetLate,
    Cancelled,
}

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketState {
    Open,
    Paused,
    Resolved,
    Closed,
    Cancelled,
}

// The report's fields are declared in key order: answers are written with sorted keys, and a struct already in
// that order is written straight out, without re-sorting its members (a quarter of `sla.evaluate`'s cost).

/// A warning threshold of a goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<Local>,
    pub percent: u8,
    pub reached: bool,
}

/// An escalation of a goal: to whom, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EscalationReport<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<Local>,
    /// Fired and the goal is still open: someone must act.
    pub due: bool,
    /// The escalation's instant has come.
    pub fired: bool,
    pub role: &'a str,
    pub when: Trigger,
}

/// One goal of one cycle, evaluated. It borrows its names and source from the engine's handbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalReport<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breached_at: Option<Local>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<&'a str>,
    /// The intervals that counted (pauses left out), up to now or the stop.
    pub counted: SmallVec<[[Local; 2]; 4]>,
    pub cycle: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_at: Option<Local>,
    /// Elapsed, remaining and target time on the goal's clock (business seconds for business and working-day
    /// goals).
    pub elapsed_seconds: i64,
    pub escalations: SmallVec<[EscalationReport<'a>; 2]>,
    pub measure: Measure,
    pub percent_used: i64,
    pub remaining_seconds: i64,
    pub source: &'a Source,
    pub started_at: Local,
    pub state: GoalState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_at: Option<Local>,
    pub target: Span,
    pub target_seconds: i64,
    pub warnings: SmallVec<[Warning; 2]>,
}

/// An escalation someone must act on now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EscalationDue<'a> {
    pub cycle: usize,
    pub measure: Measure,
    pub role: &'a str,
    pub since: Local,
}

/// A duty still open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "obligation", rename_all = "snake_case")]
pub enum OpenObligation {
    /// Explain to the owner why the matter is late (§2.2.1).
    ExplainToOwner { cycle: usize, since: Local },
    /// Visit the owner after resolution (回访, §2.2.10).
    FollowUp {
        cycle: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        due_at: Option<Local>,
    },
}

/// A ticket evaluated at `now`. It borrows from the engine (kind, calendar and role ids, sources) and from the
/// ticket (its id, the assignee), and keeps its lists inline: a typical ticket's report allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TicketReport<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<&'a str>,
    pub assumed_regular_week: bool,
    pub cycle: usize,
    pub escalations_due: SmallVec<[EscalationDue<'a>; 2]>,
    pub goals: SmallVec<[GoalReport<'a>; 2]>,
    pub kind: &'a str,
    pub kind_name: &'a str,
    /// The next instant at which a state, warning, escalation or obligation changes (counters run between).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_change_at: Option<Local>,
    pub obligations_open: SmallVec<[OpenObligation; 2]>,
    pub state: TicketState,
    /// The ticket's id.
    pub ticket: &'a str,
}

impl TicketReport<'_> {
    /// Whether any goal is breached (still open, or stopped by a close or cancel while overdue).
    pub fn is_overdue(&self) -> bool {
        self.goals.iter().any(|g| g.state == GoalState::Breached)
    }
}

/// A stretch during which a goal's clock runs.
struct Run<'p> {
    start: Instant,
    stop: Option<Instant>,
    pauses: &'p [(Instant, Option<Instant>)],
    cut: Option<Instant>,
}

impl Section {
    /// Evaluates one ticket at `now`. Refused histories change nothing and say which event is at fault.
    pub fn evaluate<'a>(&'a self, ticket: &'a Ticket, now: Instant) -> Result<TicketReport<'a>, SlaError> {
        let timeline = Timeline::fold(ticket, now).map_err(|(i, e)| SlaError::Event(i, e))?;
        let kind = self.kind(timeline.kind).ok_or_else(|| {
            let at = ticket
                .events
                .iter()
                .rposition(|e| matches!(e, super::Event::Reclassified { .. }));
            let unknown = TicketError::UnknownKind(timeline.kind.to_string());
            match at {
                Some(i) => SlaError::Event(i, unknown),
                None => SlaError::Kind(unknown),
            }
        })?;
        for (i, e) in ticket.events.iter().enumerate() {
            if let super::Event::FollowUpDone {
                satisfaction: Some(a), ..
            } = e
            {
                if !self.satisfaction.answers.contains(a) {
                    return Err(SlaError::Event(i, TicketError::UnknownAnswer(a.clone())));
                }
            }
        }
        self.report(ticket, kind, &timeline, now)
    }

    fn report<'a>(
        &self,
        ticket: &'a Ticket,
        kind: &'a Kind,
        tl: &Timeline<'a>,
        now: Instant,
    ) -> Result<TicketReport<'a>, SlaError> {
        let offset = self.offset;
        let cut = tl.ending.map(|e| match e {
            Ending::Closed(t) | Ending::Cancelled(t) => t,
        });
        let last = tl.cycles.last();
        let state = match tl.ending {
            Some(Ending::Closed(_)) => TicketState::Closed,
            Some(Ending::Cancelled(_)) => TicketState::Cancelled,
            None if last.is_some_and(|c| c.resolved.is_some()) => TicketState::Resolved,
            None if last.and_then(|c| c.pauses.last()).is_some_and(|p| p.1.is_none()) => TicketState::Paused,
            None => TicketState::Open,
        };
        // Built first and filled in place: the inline lists are not moved around.
        let mut report = TicketReport {
            ticket: &ticket.id,
            kind: &kind.id,
            kind_name: &kind.name,
            state,
            cycle: tl.cycles.len(),
            assignee: tl.assignee,
            goals: SmallVec::new(),
            escalations_due: SmallVec::new(),
            obligations_open: SmallVec::new(),
            next_change_at: None,
            assumed_regular_week: false,
        };
        let mut next: Option<Instant> = None;
        let mut clock = Clock::new(None);
        for (c, cycle) in tl.cycles.iter().enumerate() {
            for goal in &kind.goals {
                let run = match goal.measure {
                    Measure::FirstResponse if c == 0 => {
                        let stop = match (tl.acknowledged, cycle.resolved) {
                            (Some(a), Some(r)) => Some(a.min(r)),
                            (a, r) => a.or(r),
                        };
                        Run {
                            start: cycle.start,
                            stop,
                            pauses: &cycle.pauses,
                            cut,
                        }
                    }
                    Measure::Resolution => Run {
                        start: cycle.start,
                        stop: cycle.resolved,
                        pauses: &cycle.pauses,
                        cut,
                    },
                    Measure::FollowUp => match cycle.resolved {
                        Some(r) => Run {
                            start: r,
                            stop: cycle.follow_up.as_ref().map(|f| f.0),
                            pauses: &[],
                            cut,
                        },
                        None => continue,
                    },
                    Measure::FirstResponse => continue,
                };
                clock.switch(goal.calendar.as_ref().map(|(_, c)| &**c));
                let change = evaluate_goal(goal, c + 1, &run, now, &mut clock, offset, &mut report.goals);
                next = earliest(next, change.map_err(SlaError::Calendar)?);
                let Some(g) = report.goals.last() else { continue };
                let open = matches!(g.state, GoalState::Running | GoalState::Paused | GoalState::Breached)
                    && g.stopped_at.is_none();
                for e in g.escalations.iter().filter(|e| e.due) {
                    if let Some(since) = e.at {
                        report.escalations_due.push(EscalationDue {
                            role: e.role,
                            measure: goal.measure,
                            cycle: c + 1,
                            since,
                        });
                    }
                }
                if let (Some(since), true) = (g.breached_at, goal.explain_on_breach) {
                    let informed = tl.informed.is_some_and(|i| i >= cycle.start);
                    if !informed && since.0 <= now {
                        report
                            .obligations_open
                            .push(OpenObligation::ExplainToOwner { cycle: c + 1, since });
                    }
                }
                if goal.measure == Measure::FollowUp && open {
                    report.obligations_open.push(OpenObligation::FollowUp {
                        cycle: c + 1,
                        due_at: g.due_at,
                    });
                }
            }
        }
        report.next_change_at = next.map(|t| Local(t, offset));
        report.assumed_regular_week = clock.assumed_regular_week;
        Ok(report)
    }
}

fn earliest(a: Option<Instant>, b: Option<Instant>) -> Option<Instant> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

/// A stretch during which the clock ran, with the clock's readings at both ends.
#[derive(Clone, Copy)]
struct Segment {
    from: Instant,
    read_from: i64,
    read_to: i64,
}

/// Evaluates one goal over one run; also returns the next instant after `now` at which its answer changes.
fn evaluate_goal<'a>(
    goal: &'a Goal,
    cycle: usize,
    run: &Run,
    now: Instant,
    clock: &mut Clock,
    offset: Offset,
    goals: &mut SmallVec<[GoalReport<'a>; 2]>,
) -> Result<Option<Instant>, CalendarError> {
    let local = |t: Instant| Local(t, offset);
    // Counting ends at the stop, the ticket's end, or now, whichever comes first.
    let end = [run.stop, run.cut].into_iter().flatten().fold(now, Instant::min);
    let stopped = run.stop.filter(|&s| s <= end).or(run.cut.filter(|&c| c <= now));
    // The segments during which the clock ran; each reading is taken once (a resume starts the next segment).
    // Inline up to four segments; a longer history allocates once, at its size, instead of growing by doubling.
    let mut segments: SmallVec<[Segment; 4]> = SmallVec::new();
    let mut counted: SmallVec<[[Local; 2]; 4]> = SmallVec::new();
    if run.pauses.len() >= segments.inline_size() {
        segments.reserve_exact(run.pauses.len() + 1);
        counted.reserve_exact(run.pauses.len() + 1);
    }
    let start_reading = clock.read_start(run.start)?;
    let mut from = Some((run.start, start_reading));
    let mut used = 0;
    for &(p, r) in run.pauses {
        let Some((a, ra)) = from else { break };
        if p >= end {
            break;
        }
        let b = p.max(a);
        let rb = clock.read(b)?;
        used += rb - ra;
        segments.push(Segment {
            from: a,
            read_from: ra,
            read_to: rb,
        });
        counted.push([local(a), local(b)]);
        from = match r.filter(|&r| r <= end) {
            Some(r) => Some((r, clock.read(r)?)),
            None => None,
        };
    }
    let paused_now = from.is_none() && stopped.is_none();
    // The last stretch, counted like those in the loop: written out, because a shared closure was not inlined
    // (+200 instructions per ticket, callgrind).
    if let Some((a, ra)) = from {
        let b = end.max(a);
        let rb = clock.read(b)?;
        used += rb - ra;
        segments.push(Segment {
            from: a,
            read_from: ra,
            read_to: rb,
        });
        counted.push([local(a), local(b)]);
    }
    let target = match goal.target.basis() {
        Basis::Calendar | Basis::Business => goal.target.amount(),
        Basis::WorkingDays => match clock.calendar() {
            Some(cal) => {
                let due = cal.add_working_days(run.start, goal.target.amount())?;
                clock.assumed_regular_week |= due.assumed_regular_week;
                clock.read(due.at)? - start_reading
            }
            None => goal.target.amount() * 86_400,
        },
    };
    // The instant the clock has run `x` within the segments; past them, the last one is projected onwards
    // unless the goal is paused now.
    let reach = |x: i64, clock: &mut Clock| -> Result<Option<Instant>, CalendarError> {
        let mut cum = 0;
        for (i, s) in segments.iter().enumerate() {
            let last = i + 1 == segments.len();
            let ran = s.read_to - s.read_from;
            if cum + ran >= x || (last && !paused_now) {
                return clock.when(s.read_from + (x - cum), s.from).map(Some);
            }
            cum += ran;
        }
        Ok(None)
    };
    let due = reach(target, clock)?;
    let breached = due.filter(|&d| d <= end && stopped.is_none_or(|s| s > d));
    let state = match (stopped, run.stop.filter(|&s| s <= end)) {
        (_, Some(s)) if due.is_none_or(|d| s <= d) => GoalState::Met,
        (_, Some(_)) => GoalState::MetLate,
        (Some(_), None) if breached.is_some() => GoalState::Breached,
        (Some(_), None) => GoalState::Cancelled,
        (None, _) if breached.is_some() => GoalState::Breached,
        (None, _) if paused_now => GoalState::Paused,
        (None, _) => GoalState::Running,
    };
    let running = matches!(state, GoalState::Running | GoalState::Breached) && stopped.is_none();
    let mut next = None;
    if running && breached.is_none() {
        next = earliest(next, due);
    }
    let mut warnings = SmallVec::new();
    for &p in &goal.warn_at_percent {
        let at = reach(target * i64::from(p) / 100, clock)?;
        let reached = at.is_some_and(|t| t <= end);
        if running && !reached {
            next = earliest(next, at.filter(|&t| t > now));
        }
        warnings.push(Warning {
            percent: p,
            at: at.map(local),
            reached,
        });
    }
    let mut escalations = SmallVec::new();
    for e in &goal.escalations {
        let base = match e.when {
            Trigger::Start => Some(run.start),
            Trigger::Breach => breached,
        };
        let at = match (base, e.after) {
            (Some(b), Some(after)) => Some(match clock.calendar() {
                Some(cal) => {
                    let s = cal.add(b, &after)?;
                    clock.assumed_regular_week |= s.assumed_regular_week;
                    s.at
                }
                None => b.plus(after.amount())?,
            }),
            (b, None) => b,
            (None, Some(_)) => None,
        };
        let fired = at.is_some_and(|t| t <= now);
        if running && !fired {
            next = earliest(next, at.filter(|&t| t > now));
        }
        escalations.push(EscalationReport {
            role: &e.role_id,
            when: e.when,
            at: at.map(local),
            fired,
            due: fired && running,
        });
    }
    let percent_used = if target > 0 { used * 100 / target } else { 100 };
    goals.push(GoalReport {
        measure: goal.measure,
        cycle,
        state,
        target: goal.target,
        calendar: goal.calendar.as_ref().map(|(id, _)| id.as_str()),
        target_seconds: target,
        elapsed_seconds: used,
        remaining_seconds: target - used,
        percent_used,
        started_at: local(run.start),
        due_at: due.map(local),
        stopped_at: stopped.map(local),
        breached_at: breached.map(local),
        warnings,
        escalations,
        counted,
        source: &goal.source,
    });
    Ok(next)
}
