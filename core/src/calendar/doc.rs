//! The calendar parts of the handbook document, as written (before compilation).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::handbook::Source;
use crate::time::Offset;

/// A business calendar (工作日历): working windows per weekday, holidays, the local offset.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CalendarDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Local UTC offset; China has one, `+08:00`, the default.
    #[serde(default = "china")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub utc_offset: Offset,
    /// Working windows per weekday, e.g. `"mon": ["08:30-12:00", "13:30-17:30"]`; a day without windows is a rest day.
    pub week: WeekDoc,
    /// Windows of a make-up working day (补班); by default those of the first weekday that has any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub makeup_day: Option<Vec<String>>,
    /// Id of the holiday set (节假日) this calendar observes; none for round-the-clock duty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holidays: Option<String>,
    /// What to do with days outside the holiday set's years.
    #[serde(default)]
    pub outside_coverage: OutsideCoverage,
    /// Required in a handbook; optional in a request's inline calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

fn china() -> Offset {
    Offset::CHINA
}

/// Working windows, Monday to Sunday (`"HH:MM-HH:MM"`, end may be `24:00`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WeekDoc {
    #[serde(default)]
    pub mon: Vec<String>,
    #[serde(default)]
    pub tue: Vec<String>,
    #[serde(default)]
    pub wed: Vec<String>,
    #[serde(default)]
    pub thu: Vec<String>,
    #[serde(default)]
    pub fri: Vec<String>,
    #[serde(default)]
    pub sat: Vec<String>,
    #[serde(default)]
    pub sun: Vec<String>,
}

impl WeekDoc {
    pub fn days(&self) -> [(&'static str, &Vec<String>); 7] {
        [
            ("mon", &self.mon),
            ("tue", &self.tue),
            ("wed", &self.wed),
            ("thu", &self.thu),
            ("fri", &self.fri),
            ("sat", &self.sat),
            ("sun", &self.sun),
        ]
    }
}

/// Policy for instants outside the years a holiday set covers: never silently wrong.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutsideCoverage {
    /// Refuse with `calendar.out_of_coverage`.
    #[default]
    Error,
    /// Use the regular week and flag the answer `assumed_regular_week`.
    AssumeRegularWeek,
}

/// Dated holidays and make-up working days for a span of whole years (e.g. the State Council's notices).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HolidaySetDoc {
    pub name: String,
    /// The years the data covers, contiguous (e.g. `[2025, 2026]`).
    pub years: Vec<i32>,
    pub source: Source,
    /// Each day that differs from the regular week, or is a statutory holiday.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<DayDoc>"))]
    pub days: Value,
}

/// One dated entry: a single `date`, or an inclusive `from`–`to` range.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DayDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub kind: EntryKind,
    /// The holiday's name, e.g. `春节`.
    pub name: String,
}

/// What a dated entry makes of its days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A statutory public holiday (法定节假日), even when it falls on a weekend.
    StatutoryHoliday,
    /// A weekday off: moved by 调休, or given in lieu (补休) of a holiday on a weekend.
    RestDay,
    /// A weekend day worked in exchange (调休补班).
    MakeupWorkday,
}
