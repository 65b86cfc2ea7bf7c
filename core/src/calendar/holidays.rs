//! Holiday sets: dated statutory holidays, rest days and make-up working days (调休) for whole years.

use std::collections::BTreeMap;

use serde_json::Value;

use super::doc::{DayDoc, EntryKind, HolidaySetDoc};
use crate::handbook::Diagnostics;
use crate::time::{self, day_number, DayNumber};

/// A compiled holiday set: the years it covers and each dated entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidaySet {
    pub id: String,
    pub name: String,
    /// First covered day and the day after the last.
    pub covers: (DayNumber, DayNumber),
    pub days: BTreeMap<DayNumber, (EntryKind, String)>,
    pub source: crate::handbook::Source,
}

/// Compiles every holiday set of the `holiday_sets` member.
pub(crate) fn compile(value: Option<&Value>, d: &mut Diagnostics) -> BTreeMap<String, HolidaySet> {
    let Some(value) = value else {
        return BTreeMap::new();
    };
    d.parse_members::<HolidaySetDoc>(value, "holiday_sets")
        .into_iter()
        .filter_map(|(path, id, doc)| compile_one(&id, &path, &doc, d).map(|set| (id, set)))
        .collect()
}

fn compile_one(id: &str, path: &str, doc: &HolidaySetDoc, d: &mut Diagnostics) -> Option<HolidaySet> {
    doc.source.validate(&format!("{path}.source"), d);
    let (Some(&first), Some(&last)) = (doc.years.iter().min(), doc.years.iter().max()) else {
        d.error(
            "calendar.invalid_years",
            &format!("{path}.years"),
            "a holiday set covers at least one year",
        );
        return None;
    };
    let contiguous = doc.years.windows(2).all(|w| w[1] == w[0] + 1);
    if !contiguous || !(1900..=9998).contains(&first) || last > 9998 {
        d.error(
            "calendar.invalid_years",
            &format!("{path}.years"),
            "years must be contiguous and ascending, within 1900..9998",
        );
        return None;
    }
    let covers = (day_number(first, 1, 1), day_number(last + 1, 1, 1));
    let mut days = BTreeMap::new();
    for (entry_path, entry) in d.parse_each::<DayDoc>(&doc.days, &format!("{path}.days")) {
        let Some((from, to)) = entry_range(&entry, &entry_path, d) else {
            continue;
        };
        for day in from..=to {
            if !(covers.0..covers.1).contains(&day) {
                d.error(
                    "calendar.day_outside_years",
                    &entry_path,
                    format!("{} is outside the set's years", time::format_date(day)),
                );
            } else if let Some(problem) = inconsistency(entry.kind, day) {
                d.error(
                    "calendar.inconsistent_day",
                    &entry_path,
                    format!("{}: {problem}", time::format_date(day)),
                );
            } else if days.insert(day, (entry.kind, entry.name.clone())).is_some() {
                d.error(
                    "calendar.duplicate_day",
                    &entry_path,
                    format!("{} is listed twice", time::format_date(day)),
                );
            }
        }
    }
    Some(HolidaySet {
        id: id.to_string(),
        name: doc.name.clone(),
        covers,
        days,
        source: doc.source.clone(),
    })
}

fn entry_range(entry: &DayDoc, path: &str, d: &mut Diagnostics) -> Option<(DayNumber, DayNumber)> {
    let mut date = |field: &str, v: &str| match time::parse_date(v) {
        Ok(day) => Some(day),
        Err(e) => {
            d.error("calendar.invalid_date", &format!("{path}.{field}"), e.to_string());
            None
        }
    };
    match (&entry.date, &entry.from, &entry.to) {
        (Some(one), None, None) => date("date", one).map(|x| (x, x)),
        (None, Some(a), Some(b)) => {
            let (a, b) = (date("from", a)?, date("to", b)?);
            if a > b || b - a > 366 {
                d.error(
                    "calendar.invalid_date",
                    path,
                    "`from` must not be after `to`, and a range spans at most a year",
                );
                return None;
            }
            Some((a, b))
        }
        _ => {
            d.error(
                "calendar.invalid_date",
                path,
                "give either `date`, or both `from` and `to`",
            );
            None
        }
    }
}

/// Data typos the notices never contain: a rest day on a weekend, a make-up day on a weekday.
fn inconsistency(kind: EntryKind, day: DayNumber) -> Option<&'static str> {
    let weekend = time::weekday(day) >= 5;
    match kind {
        EntryKind::RestDay if weekend => Some("a rest day moved by 调休 falls on a weekday, not a weekend"),
        EntryKind::MakeupWorkday if !weekend => Some("a make-up working day falls on a weekend"),
        _ => None,
    }
}
