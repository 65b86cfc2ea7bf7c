//! The handbook's rules as a flat list with stable ids and provenance, for rule coverage and explanations.

use serde::Serialize;

use super::Source;

/// One rule of a compiled handbook (规则): a stable id such as `sla.complaint.resolution`, where it comes from,
/// and the clause it counts toward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable, dotted: `org.role.supervisor`, `calendar.office`, `sla.major_repair.resolution`, …
    pub id: String,
    pub source: Source,
    /// The clause this rule covers: its own (`§2.2.1`), or for an assumption the clause of the enclosing rule
    /// (an assumed goal of the complaint kind counts toward the kind's `§2.2.10`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
}

impl Rule {
    /// A rule whose clause falls back to `enclosing` when its own source is an assumption.
    pub fn new(id: impl Into<String>, source: &Source, enclosing: Option<&str>) -> Rule {
        Rule {
            id: id.into(),
            source: source.clone(),
            clause: source.clause().or(enclosing).map(str::to_string),
        }
    }
}
