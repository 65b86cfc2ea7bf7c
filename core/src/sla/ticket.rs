//! Tickets (工单) and their events, validated and folded into a timeline of cycles and pauses.

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::error::Coded;
use crate::time::Instant;

/// A registered request or repair (§2.2.1: every one is registered and tracked until closed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ticket {
    pub id: String,
    /// The request kind at creation (a `reclassified` event may change it).
    pub kind: String,
    pub events: Vec<Event>,
}

/// Something that happened to a ticket, at an instant the host states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    Created {
        at: Instant,
    },
    /// First response to the owner (响应).
    Acknowledged {
        at: Instant,
    },
    Assigned {
        at: Instant,
        to: String,
    },
    /// The clock stops, e.g. waiting for the owner or for parts.
    Paused {
        at: Instant,
        reason: String,
    },
    Resumed {
        at: Instant,
    },
    /// The kind changes (e.g. a minor repair turns out major); goals follow the new kind from creation.
    Reclassified {
        at: Instant,
        kind: String,
    },
    Resolved {
        at: Instant,
    },
    /// Starts a new resolution cycle; the earlier ones stay in the history.
    Reopened {
        at: Instant,
    },
    /// The delay was explained to the owner (§2.2.1).
    OwnerInformed {
        at: Instant,
    },
    /// The return visit (回访) with the owner's answer to the satisfaction question, if any.
    FollowUpDone {
        at: Instant,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        satisfaction: Option<String>,
    },
    Closed {
        at: Instant,
    },
    Cancelled {
        at: Instant,
    },
}

impl Event {
    pub fn at(&self) -> Instant {
        match self {
            Event::Created { at }
            | Event::Acknowledged { at }
            | Event::Assigned { at, .. }
            | Event::Paused { at, .. }
            | Event::Resumed { at }
            | Event::Reclassified { at, .. }
            | Event::Resolved { at }
            | Event::Reopened { at }
            | Event::OwnerInformed { at }
            | Event::FollowUpDone { at, .. }
            | Event::Closed { at }
            | Event::Cancelled { at } => *at,
        }
    }
}

/// Why a ticket's events were refused. Nothing is evaluated from a refused history.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TicketError {
    #[error("the first event must be `created`")]
    NotCreatedFirst,
    #[error("a ticket is created once")]
    DuplicateCreated,
    #[error("this event is dated before the ticket was created")]
    BeforeCreation,
    #[error("events must be in time order; this one is earlier than the one before it")]
    OutOfOrder,
    #[error("this event is dated after `now`")]
    InFuture,
    #[error("`resumed` without a `paused` before it")]
    ResumeWithoutPause,
    #[error("the ticket is already paused")]
    AlreadyPaused,
    #[error("`{0}` needs an open ticket (not resolved, closed or cancelled)")]
    NotOpen(&'static str),
    #[error("`{0}` needs a resolved ticket")]
    NotResolved(&'static str),
    #[error("the ticket was {0}; no event may follow")]
    Finished(&'static str),
    #[error("the follow-up visit is already recorded for this cycle")]
    DuplicateFollowUp,
    #[error("no request kind `{0}` in the handbook")]
    UnknownKind(String),
    #[error("`{0}` is not a satisfaction answer of the handbook")]
    UnknownAnswer(String),
}

impl Coded for TicketError {
    fn code(&self) -> &'static str {
        match self {
            TicketError::NotCreatedFirst => "sla.not_created_first",
            TicketError::DuplicateCreated => "sla.duplicate_created",
            TicketError::BeforeCreation => "sla.event_before_creation",
            TicketError::OutOfOrder => "sla.events_out_of_order",
            TicketError::InFuture => "sla.event_in_future",
            TicketError::ResumeWithoutPause => "sla.resume_without_pause",
            TicketError::AlreadyPaused => "sla.already_paused",
            TicketError::NotOpen(_) => "sla.not_open",
            TicketError::NotResolved(_) => "sla.not_resolved",
            TicketError::Finished(_) => "sla.ticket_finished",
            TicketError::DuplicateFollowUp => "sla.duplicate_follow_up",
            TicketError::UnknownKind(_) => "sla.unknown_kind",
            TicketError::UnknownAnswer(_) => "sla.unknown_answer",
        }
    }
}

/// One resolution cycle: from creation or a reopening to resolution, with its pauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle<'a> {
    pub start: Instant,
    /// `(paused, resumed)`; the last may still be open. Inline up to four pauses: folding allocates nothing.
    pub pauses: SmallVec<[(Instant, Option<Instant>); 4]>,
    pub resolved: Option<Instant>,
    pub follow_up: Option<(Instant, Option<&'a str>)>,
}

impl Cycle<'_> {
    fn starting(start: Instant) -> Self {
        Cycle {
            start,
            pauses: SmallVec::new(),
            resolved: None,
            follow_up: None,
        }
    }
}

/// How a ticket ended, if it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Closed(Instant),
    Cancelled(Instant),
}

/// A ticket's validated history, folded; it borrows the ticket's strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline<'a> {
    pub created: Instant,
    pub kind: &'a str,
    pub acknowledged: Option<Instant>,
    pub assignee: Option<&'a str>,
    /// The last `owner_informed` (events are in time order, so it is also the latest).
    pub informed: Option<Instant>,
    pub cycles: SmallVec<[Cycle<'a>; 1]>,
    pub ending: Option<Ending>,
}

impl<'a> Timeline<'a> {
    /// Validates the events against `now` and folds them; the error names the offending event's index.
    pub fn fold(ticket: &'a Ticket, now: Instant) -> Result<Timeline<'a>, (usize, TicketError)> {
        let mut events = ticket.events.iter().enumerate();
        let created = match events.next() {
            Some((_, Event::Created { at })) => *at,
            Some((i, _)) => return Err((i, TicketError::NotCreatedFirst)),
            None => return Err((0, TicketError::NotCreatedFirst)),
        };
        if created > now {
            return Err((0, TicketError::InFuture));
        }
        let mut f = Fold {
            tl: Timeline {
                created,
                kind: &ticket.kind,
                acknowledged: None,
                assignee: None,
                informed: None,
                cycles: SmallVec::new(),
                ending: None,
            },
            cycle: Cycle::starting(created),
            paused: false,
        };
        let mut last = created;
        for (i, e) in events {
            let at = e.at();
            let refused = if at < created {
                Some(TicketError::BeforeCreation)
            } else if at < last {
                Some(TicketError::OutOfOrder)
            } else if at > now {
                Some(TicketError::InFuture)
            } else {
                f.tl.ending.map(|ending| {
                    TicketError::Finished(match ending {
                        Ending::Closed(_) => "closed",
                        Ending::Cancelled(_) => "cancelled",
                    })
                })
            };
            if let Some(e) = refused {
                return Err((i, e));
            }
            last = at;
            f.apply(e).map_err(|err| (i, err))?;
        }
        f.tl.cycles.push(f.cycle);
        Ok(f.tl)
    }
}

/// The timeline while it is folded: the current cycle apart from the finished ones, and whether its last pause is
/// still open, so each event reads plain fields.
struct Fold<'a> {
    tl: Timeline<'a>,
    cycle: Cycle<'a>,
    paused: bool,
}

impl<'a> Fold<'a> {
    fn resolved(&self) -> bool {
        self.cycle.resolved.is_some()
    }

    fn apply(&mut self, e: &'a Event) -> Result<(), TicketError> {
        let open = |name| {
            if self.resolved() {
                Err(TicketError::NotOpen(name))
            } else {
                Ok(())
            }
        };
        match e {
            Event::Created { .. } => return Err(TicketError::DuplicateCreated),
            Event::Acknowledged { at } => {
                open("acknowledged")?;
                self.tl.acknowledged.get_or_insert(*at);
            }
            Event::Assigned { to, .. } => {
                open("assigned")?;
                self.tl.assignee = Some(to);
            }
            Event::Paused { at, .. } => {
                open("paused")?;
                if self.paused {
                    return Err(TicketError::AlreadyPaused);
                }
                self.cycle.pauses.push((*at, None));
                self.paused = true;
            }
            Event::Resumed { at } => {
                if !self.paused {
                    return Err(TicketError::ResumeWithoutPause);
                }
                if let Some(p) = self.cycle.pauses.last_mut() {
                    p.1 = Some(*at);
                }
                self.paused = false;
            }
            Event::Reclassified { kind, .. } => {
                open("reclassified")?;
                self.tl.kind = kind;
            }
            Event::Resolved { at } => {
                open("resolved")?;
                // Resolving while paused ends the pause.
                if self.paused {
                    if let Some(p) = self.cycle.pauses.last_mut() {
                        p.1 = Some(*at);
                    }
                    self.paused = false;
                }
                self.cycle.resolved = Some(*at);
            }
            Event::Reopened { at } => {
                if !self.resolved() {
                    return Err(TicketError::NotResolved("reopened"));
                }
                let done = std::mem::replace(&mut self.cycle, Cycle::starting(*at));
                self.tl.cycles.push(done);
            }
            Event::OwnerInformed { at } => self.tl.informed = Some(*at),
            Event::FollowUpDone { at, satisfaction } => {
                if !self.resolved() {
                    return Err(TicketError::NotResolved("follow_up_done"));
                }
                if self.cycle.follow_up.is_some() {
                    return Err(TicketError::DuplicateFollowUp);
                }
                self.cycle.follow_up = Some((*at, satisfaction.as_deref()));
            }
            Event::Closed { at } => {
                if !self.resolved() {
                    return Err(TicketError::NotResolved("closed"));
                }
                self.tl.ending = Some(Ending::Closed(*at));
            }
            Event::Cancelled { at } => self.tl.ending = Some(Ending::Cancelled(*at)),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Instant {
        Instant::parse(s).unwrap()
    }

    fn ticket(events: serde_json::Value) -> Ticket {
        serde_json::from_value(serde_json::json!({"id": "T1", "kind": "major_repair", "events": events})).unwrap()
    }

    const NOW: &str = "2025-03-10T00:00:00+08:00";

    #[test]
    fn folds_cycles_and_pauses() {
        let tk = ticket(serde_json::json!([
            {"type": "created", "at": "2025-03-03T09:00:00+08:00"},
            {"type": "paused", "at": "2025-03-03T10:00:00+08:00", "reason": "parts"},
            {"type": "resumed", "at": "2025-03-03T11:00:00+08:00"},
            {"type": "resolved", "at": "2025-03-04T09:00:00+08:00"},
            {"type": "reopened", "at": "2025-03-05T09:00:00+08:00"},
            {"type": "paused", "at": "2025-03-05T10:00:00+08:00", "reason": "owner away"}
        ]));
        let tl = Timeline::fold(&tk, t(NOW)).unwrap();
        assert_eq!(tl.cycles.len(), 2);
        assert_eq!(
            tl.cycles[0].pauses[..],
            [(t("2025-03-03T10:00:00+08:00"), Some(t("2025-03-03T11:00:00+08:00")))]
        );
        assert_eq!(tl.cycles[1].pauses[..], [(t("2025-03-05T10:00:00+08:00"), None)]);
    }

    #[test]
    fn bad_histories_are_refused_with_distinct_codes() {
        let cases = [
            (
                serde_json::json!([{"type": "resolved", "at": "2025-03-03T09:00:00+08:00"}]),
                0,
                "sla.not_created_first",
            ),
            (
                serde_json::json!([
                    {"type": "created", "at": "2025-03-03T09:00:00+08:00"},
                    {"type": "acknowledged", "at": "2025-03-03T08:00:00+08:00"}
                ]),
                1,
                "sla.event_before_creation",
            ),
            (
                serde_json::json!([
                    {"type": "created", "at": "2025-03-03T09:00:00+08:00"},
                    {"type": "resumed", "at": "2025-03-03T10:00:00+08:00"}
                ]),
                1,
                "sla.resume_without_pause",
            ),
            (
                serde_json::json!([
                    {"type": "created", "at": "2025-03-03T09:00:00+08:00"},
                    {"type": "acknowledged", "at": "2025-03-03T11:00:00+08:00"},
                    {"type": "assigned", "at": "2025-03-03T10:00:00+08:00", "to": "x"}
                ]),
                2,
                "sla.events_out_of_order",
            ),
            (
                serde_json::json!([
                    {"type": "created", "at": "2025-03-03T09:00:00+08:00"},
                    {"type": "closed", "at": "2025-03-03T10:00:00+08:00"}
                ]),
                1,
                "sla.not_resolved",
            ),
            (
                serde_json::json!([{"type": "created", "at": "2025-03-11T09:00:00+08:00"}]),
                0,
                "sla.event_in_future",
            ),
        ];
        for (events, index, code) in cases {
            let (i, e) = Timeline::fold(&ticket(events), t(NOW)).unwrap_err();
            assert_eq!((i, e.code()), (index, code));
        }
    }

    #[test]
    fn unknown_event_fields_are_refused() {
        let r: Result<Ticket, _> = serde_json::from_value(serde_json::json!({
            "id": "T1", "kind": "x", "events": [{"type": "created", "at": "2025-03-03T09:00:00+08:00", "by": "x"}]
        }));
        assert!(r.is_err());
    }
}
