//! Guards (前置条件): named, data-driven conditions a transition needs, checked on the event's payload and the
//! history — "required documents present", "deposit paid", "inspection passed".

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::event::Event;
use crate::handbook::Source;
use crate::money::Money;

/// One guard as the handbook writes it: a name, one check, and where the rule comes from.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardDoc {
    pub id: String,
    pub check: Check,
    pub source: Source,
}

/// What a guard checks.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// Every `required` document id has been handed in: the union of the string arrays at `field` in the
    /// payloads of the history and of this event.
    DocumentsPresent { field: String, required: Vec<String> },
    /// This event's payload has `field`, and it is not null or a blank string (an empty list counts: it was
    /// filled in, with nothing on it).
    FieldPresent { field: String },
    /// This event's payload has `field` equal to `value` (e.g. `"passed": true`).
    FieldEquals { field: String, value: Value },
    /// This event's payload has `field`, a string among `values`.
    FieldOneOf { field: String, values: Vec<String> },
    /// This event's payload has `field`, an amount (decimal string) of at least `min`.
    AmountAtLeast { field: String, min: String },
    /// An event named `event` is in the history.
    Happened { event: String },
}

impl Check {
    /// The payload field the check reads, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Check::DocumentsPresent { field, .. }
            | Check::FieldPresent { field }
            | Check::FieldEquals { field, .. }
            | Check::FieldOneOf { field, .. }
            | Check::AmountAtLeast { field, .. } => Some(field),
            Check::Happened { .. } => None,
        }
    }
}

/// A non-negative amount from a decimal string (`"2000.00"`), exact to the fen.
pub(crate) fn amount(s: &str) -> Option<Money> {
    Money::parse(s).ok().filter(|m| !m.is_negative())
}

/// A compiled guard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guard {
    pub id: String,
    pub check: Check,
    /// `min` of an `amount_at_least` check, parsed once.
    min: Money,
    pub source: Source,
}

impl Guard {
    /// Compiles a guard; `None` (with the reason) when its amount is not a decimal string.
    pub fn compile(doc: GuardDoc) -> Result<Guard, String> {
        let min = match &doc.check {
            Check::AmountAtLeast { min, .. } => {
                amount(min).ok_or_else(|| format!("`{min}` is not an amount like \"2000.00\""))?
            }
            _ => Money::ZERO,
        };
        Ok(Guard {
            id: doc.id,
            check: doc.check,
            min,
            source: doc.source,
        })
    }

    /// Checks the guard for `event` after `history`; the error says what is missing.
    pub fn check(&self, history: &[Event], event: &Event) -> Result<(), String> {
        let field_of = |f: &str| event.payload.get(f).filter(|v| !v.is_null());
        match &self.check {
            Check::DocumentsPresent { field, required } => {
                let handed_in = |doc: &str| {
                    history.iter().chain(std::iter::once(event)).any(|e| {
                        e.payload
                            .get(field)
                            .and_then(Value::as_array)
                            .is_some_and(|a| a.iter().any(|d| d.as_str() == Some(doc)))
                    })
                };
                let missing: Vec<&str> = required.iter().map(String::as_str).filter(|d| !handed_in(d)).collect();
                if missing.is_empty() {
                    Ok(())
                } else {
                    Err(format!("missing document(s) {} in `{field}`", missing.join(", ")))
                }
            }
            Check::FieldPresent { field } => match field_of(field) {
                Some(Value::String(s)) if s.trim().is_empty() => Err(format!("`{field}` is empty")),
                Some(_) => Ok(()),
                None => Err(format!("payload has no `{field}`")),
            },
            Check::FieldEquals { field, value } => match field_of(field) {
                Some(v) if v == value => Ok(()),
                Some(v) => Err(format!("`{field}` is {v}, needs {value}")),
                None => Err(format!("payload has no `{field}` (needs {value})")),
            },
            Check::FieldOneOf { field, values } => match field_of(field).and_then(Value::as_str) {
                Some(v) if values.iter().any(|x| x == v) => Ok(()),
                Some(v) => Err(format!("`{field}` is `{v}`, needs one of {}", values.join(", "))),
                None => Err(format!(
                    "payload has no string `{field}` (one of {})",
                    values.join(", ")
                )),
            },
            Check::AmountAtLeast { field, .. } => match field_of(field) {
                None => Err(format!("payload has no `{field}` (an amount of at least {})", self.min)),
                Some(v) => match v.as_str().and_then(amount) {
                    Some(a) if a >= self.min => Ok(()),
                    Some(a) => Err(format!("`{field}` is {a}, needs at least {}", self.min)),
                    None => Err(format!(
                        "`{field}` is {v}, not an amount as a decimal string like \"{}\"",
                        self.min
                    )),
                },
            },
            Check::Happened { event: name } => {
                if history.iter().any(|e| &e.name == name) {
                    Ok(())
                } else {
                    Err(format!("no `{name}` event in the history"))
                }
            }
        }
    }
}
