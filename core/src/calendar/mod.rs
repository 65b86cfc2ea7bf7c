//! Placeholder for the business calendar.

use serde_json::Value;

use crate::handbook::Diagnostics;

/// The compiled calendars of a handbook.
#[derive(Debug, Default)]
pub struct Calendars {}

/// Compiles holiday sets and calendars.
pub fn compile(_holiday_sets: Option<&Value>, _calendars: Option<&Value>, _d: &mut Diagnostics) -> Calendars {
    Calendars::default()
}
