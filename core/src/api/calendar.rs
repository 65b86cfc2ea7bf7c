//! `calendar.*` ops: business-calendar arithmetic on a named handbook calendar or one given inline.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Exchange;
use crate::calendar::{Calendar, CalendarDoc, DayInfo, Span};
use crate::error::{from_value, Area, Problem};
use crate::time::{self, Instant};
use crate::Engine;

/// The most days one `calendar.days` request lists.
pub const MAX_DAYS_LISTED: i32 = 731;

pub(crate) fn handle<X: Exchange>(engine: &Engine, op: &str, x: &mut X) -> Result<X::Answer, Problem> {
    match op {
        "calendar.add" => {
            let r: AddRequest = x.args()?;
            let cal = resolve(engine, &r.calendar)?;
            let s = cal.add(r.from, &r.add).map_err(|e| Problem::from(e).at("from"))?;
            x.ok(&Moment {
                at: s.at.format(cal.offset()),
                assumed_regular_week: s.assumed_regular_week,
            })
        }
        "calendar.next_working" => {
            let r: FromRequest = x.args()?;
            let cal = resolve(engine, &r.calendar)?;
            let s = cal.next_working(r.from).map_err(|e| Problem::from(e).at("from"))?;
            x.ok(&Moment {
                at: s.at.format(cal.offset()),
                assumed_regular_week: s.assumed_regular_week,
            })
        }
        "calendar.between" => {
            let r: BetweenRequest = x.args()?;
            let cal = resolve(engine, &r.calendar)?;
            let (business, assumed) = cal.business_seconds_between(r.from, r.to).map_err(Problem::from)?;
            x.ok(&Between {
                business_seconds: business,
                calendar_seconds: r.to.0 - r.from.0,
                assumed_regular_week: assumed,
            })
        }
        "calendar.is_working" => {
            let r: AtRequest = x.args()?;
            let cal = resolve(engine, &r.calendar)?;
            let (working, assumed) = cal.is_working(r.at).map_err(|e| Problem::from(e).at("at"))?;
            x.ok(&IsWorking {
                working,
                assumed_regular_week: assumed,
            })
        }
        "calendar.day" => {
            let r: DayRequest = x.args()?;
            let cal = resolve(engine, &r.calendar)?;
            let day = time::parse_date(&r.date).map_err(|e| Problem::from(e).at("date"))?;
            x.ok(&cal.day(day).map_err(|e| Problem::from(e).at("date"))?)
        }
        "calendar.days" => {
            let r: DaysRequest = x.args()?;
            let cal = resolve(engine, &r.calendar)?;
            let from = time::parse_date(&r.from).map_err(|e| Problem::from(e).at("from"))?;
            let to = time::parse_date(&r.to).map_err(|e| Problem::from(e).at("to"))?;
            if to < from || to - from >= MAX_DAYS_LISTED {
                let msg = format!("`to` must be on or after `from`, at most {MAX_DAYS_LISTED} days in all");
                return Err(Problem::new("request.invalid_range", msg).at("to"));
            }
            let days = (from..=to)
                .map(|d| cal.day(d))
                .collect::<Result<Vec<DayInfo>, _>>()
                .map_err(Problem::from)?;
            x.ok(&Days { days })
        }
        _ => Err(super::unknown_op(op)),
    }
}

/// A handbook calendar by id, or an inline calendar document compiled for this request.
fn resolve<'e>(engine: &'e Engine, calendar: &Value) -> Result<Cow<'e, Calendar>, Problem> {
    match calendar {
        Value::String(id) => engine
            .calendars()
            .get(id)
            .map(Cow::Borrowed)
            .map_err(|e| Problem::from(e).at("calendar")),
        Value::Object(_) => {
            let doc: CalendarDoc = from_value(calendar, Area::Request).map_err(|p| p.at("calendar"))?;
            engine.calendars().compile_inline(&doc, "calendar").map(Cow::Owned)
        }
        _ => Err(Problem::new(
            "request.invalid_value",
            "`calendar` is a calendar id or a calendar object",
        )
        .at("calendar")),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddRequest {
    calendar: Value,
    from: Instant,
    add: Span,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FromRequest {
    calendar: Value,
    from: Instant,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BetweenRequest {
    calendar: Value,
    from: Instant,
    to: Instant,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AtRequest {
    calendar: Value,
    at: Instant,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DayRequest {
    calendar: Value,
    date: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DaysRequest {
    calendar: Value,
    from: String,
    to: String,
}

#[derive(Serialize)]
struct Moment {
    at: String,
    assumed_regular_week: bool,
}

#[derive(Serialize)]
struct Between {
    business_seconds: i64,
    calendar_seconds: i64,
    assumed_regular_week: bool,
}

#[derive(Serialize)]
struct IsWorking {
    working: bool,
    assumed_regular_week: bool,
}

#[derive(Serialize)]
struct Days {
    days: Vec<DayInfo>,
}
