//! The handbook document (业主服务手册 as data): its format, provenance, validation and the embedded default.
//!
//! A handbook is one JSON document (`"format": "wuye.handbook/1"`). [`crate::Engine::from_json`] compiles it;
//! every problem found is reported at once, each with a stable code and a JSON path.

mod diagnostics;
pub mod org;
mod rule;
mod source;

pub use diagnostics::Diagnostics;
pub use org::{Org, RoleId};
pub use rule::Rule;
pub use source::Source;

use serde_json::{Map, Value};

/// The format tag every handbook document carries.
pub const FORMAT: &str = "wuye.handbook/1";

/// Top-level members of a handbook document, in the order they are compiled.
pub const SECTIONS: [&str; 9] = [
    "format",
    "name",
    "version",
    "org",
    "holiday_sets",
    "calendars",
    "sla",
    "fees",
    "workflows",
];

/// A wuye handbook document (`docs/handbook.md`): roles, calendars, SLA policies, fees and workflows.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[allow(dead_code)] // only its schema is used
pub struct HandbookDocument {
    /// Always `wuye.handbook/1`.
    format: String,
    name: String,
    version: String,
    org: org::OrgDoc,
    holiday_sets: std::collections::BTreeMap<String, crate::calendar::HolidaySetDoc>,
    calendars: std::collections::BTreeMap<String, crate::calendar::CalendarDoc>,
    sla: crate::sla::SlaDoc,
    /// See docs/fees.md.
    fees: crate::fees::rules::FeesDoc,
    /// See docs/workflows.md.
    workflows: crate::workflow::WorkflowsDoc,
}

/// The JSON Schema of the handbook format, pretty-printed.
#[cfg(feature = "schema")]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(HandbookDocument);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// The embedded default handbook, assembled from one file per section so each section reads on its own.
pub fn default_document() -> Value {
    let mut doc: Map<String, Value> = parse_embedded(include_str!("../../handbook/default/handbook.json"));
    let sections: [(&str, &str); 5] = [
        ("holiday_sets", include_str!("../../handbook/default/holiday_sets.json")),
        ("calendars", include_str!("../../handbook/default/calendars.json")),
        ("sla", include_str!("../../handbook/default/sla.json")),
        ("fees", include_str!("../../handbook/default/fees.json")),
        ("workflows", include_str!("../../handbook/default/workflows.json")),
    ];
    for (name, text) in sections {
        doc.insert(name.to_string(), Value::Object(parse_embedded(text)));
    }
    Value::Object(doc)
}

/// Embedded files are checked by the tests; a broken one yields an empty section, which compilation reports.
fn parse_embedded(text: &str) -> Map<String, Value> {
    serde_json::from_str(text).unwrap_or_default()
}

/// Checks the document's envelope: an object, the right format tag, no unknown sections.
pub(crate) fn check_envelope<'a>(doc: &'a Value, d: &mut Diagnostics) -> Option<&'a Map<String, Value>> {
    let Some(obj) = doc.as_object() else {
        d.error("handbook.not_object", ".", "a handbook document is a JSON object");
        return None;
    };
    match obj.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => d.error(
            "handbook.format",
            "format",
            format!("expected \"{FORMAT}\", found {other}"),
        ),
        None => d.error(
            "handbook.missing_field",
            "format",
            format!("missing \"format\": \"{FORMAT}\""),
        ),
    }
    for key in obj.keys() {
        if !SECTIONS.contains(&key.as_str()) {
            d.error(
                "handbook.unknown_field",
                key,
                format!("unknown section `{key}`; expected one of {}", SECTIONS.join(", ")),
            );
        }
    }
    for key in ["name", "version"] {
        match obj.get(key) {
            Some(Value::String(_)) => {}
            Some(_) => d.error("handbook.invalid_value", key, "expected a string"),
            None => d.error("handbook.missing_field", key, format!("missing `{key}`")),
        }
    }
    Some(obj)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_section_files_are_valid_json_objects() {
        let doc = default_document();
        for key in SECTIONS {
            assert!(doc.get(key).is_some(), "default handbook lacks `{key}`");
        }
        for key in &SECTIONS[3..] {
            assert!(
                doc[key].as_object().is_some_and(|o| !o.is_empty()),
                "section `{key}` is empty or broken"
            );
        }
    }
}
