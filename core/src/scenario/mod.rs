//! Scenarios (规则测试): a handbook, a list of protocol requests and the answers a rule author expects — so a
//! company that changes its handbook knows, before it goes live, that every rule still does what the text says.
//!
//! Pure like the rest of the core: the caller reads files and passes text, plus a resolver for handbook paths,
//! so the WASM playground can run scenarios too. The format is in docs/scenarios.md.
//!
//! ```
//! use wuye::scenario::{Runner, NO_FILES};
//! let text = r#"{"format": "wuye.scenario/1", "name": "office is closed on New Year's Day",
//!   "steps": [{"request": {"op": "calendar.day", "calendar": "office", "date": "2025-01-01"},
//!              "expect": {"kind": "statutory_holiday", "working": false}}]}"#;
//! let report = Runner::default().run_text(text, &NO_FILES);
//! assert!(report.passed(), "{:?}", report.failures);
//! ```

mod coverage;
mod explain;
mod patch;
mod run;
pub mod selector;

use std::fmt;

use serde::Deserialize;
use serde_json::{Map, Value};

pub use coverage::{exercised, ClauseCoverage, Coverage, RuleCoverage};
pub use explain::{explain, Trace};
pub use patch::merge_patch;
pub use run::{Failure, Report, Resolver, Runner, NO_FILES};
pub use selector::Selector;

/// The format tag every scenario file carries.
pub const FORMAT: &str = "wuye.scenario/1";

/// Which handbook a scenario runs against.
#[derive(Debug, Clone, PartialEq)]
pub enum HandbookRef {
    /// The embedded default handbook.
    Default,
    /// A handbook document at a path relative to the scenario file.
    Path(String),
    /// The default handbook with a JSON merge patch (RFC 7396) applied: change one number, test the rest.
    DefaultWith(Value),
}

/// One request and what its answer must be.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub name: Option<String>,
    /// A protocol request object, or an array of them (a batch).
    pub request: Value,
    /// Selector → expected value, in the file's order.
    pub expect: Vec<(Selector, Value)>,
    pub expect_error: Option<ExpectedError>,
}

/// An expected `{"error": …}` answer: its code and, if given, its path.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedError {
    pub code: String,
    #[serde(default)]
    pub path: Option<String>,
}

/// A parsed scenario file.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub description: Option<String>,
    pub handbook: HandbookRef,
    pub steps: Vec<Step>,
}

/// Where in a scenario file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// In the JSON text (1-based), for text that is not JSON.
    LineColumn { line: usize, column: usize },
    /// A JSON path inside the document (`steps[2].expect`), for a wrong shape.
    Path(String),
}

/// A malformed scenario file: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    pub location: Location,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Location::LineColumn { line, column } => write!(f, "line {line}, column {column}: {}", self.message),
            Location::Path(p) => write!(f, "at {p}: {}", self.message),
        }
    }
}

impl ScenarioError {
    fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError {
            location: Location::Path(path.into()),
            message: message.into(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioDoc {
    format: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    handbook: Option<Value>,
    steps: Vec<StepDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepDoc {
    #[serde(default)]
    name: Option<String>,
    request: Value,
    #[serde(default)]
    expect: Option<Map<String, Value>>,
    #[serde(default)]
    expect_error: Option<ExpectedError>,
}

/// Whether text is meant as a scenario (its `format` says so), for picking scenario files out of a folder.
/// Text that is not JSON counts when it mentions the format tag, so its syntax error gets reported.
pub fn is_scenario(text: &str) -> bool {
    match serde_json::from_str::<Value>(text) {
        Ok(v) => v.get("format").and_then(Value::as_str) == Some(FORMAT),
        Err(_) => text.contains(FORMAT),
    }
}

/// Parses a scenario file, locating any problem by line and column (not JSON) or JSON path (wrong shape).
pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ScenarioError {
        location: Location::LineColumn {
            line: e.line(),
            column: e.column(),
        },
        message: e.to_string(),
    })?;
    from_value(&value)
}

/// Checks and reads a scenario given as a JSON value.
pub fn from_value(value: &Value) -> Result<Scenario, ScenarioError> {
    let doc: ScenarioDoc = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        ScenarioError::at(path, message)
    })?;
    if doc.format != FORMAT {
        return Err(ScenarioError::at(
            "format",
            format!("`{}` is not `{FORMAT}`", doc.format),
        ));
    }
    let handbook = match doc.handbook {
        None => HandbookRef::Default,
        Some(v) => handbook_ref(&v)?,
    };
    if doc.steps.is_empty() {
        return Err(ScenarioError::at("steps", "a scenario needs at least one step"));
    }
    let mut steps = Vec::with_capacity(doc.steps.len());
    for (i, s) in doc.steps.into_iter().enumerate() {
        let path = format!("steps[{i}]");
        match &s.request {
            Value::Object(_) => {}
            Value::Array(batch) if !batch.is_empty() && batch.iter().all(Value::is_object) => {}
            _ => {
                return Err(ScenarioError::at(
                    format!("{path}.request"),
                    "a request is a JSON object with an `op`, or a non-empty array of them",
                ))
            }
        }
        if s.expect.is_some() && s.expect_error.is_some() {
            return Err(ScenarioError::at(
                path,
                "a step expects an answer (`expect`) or an error (`expect_error`), not both",
            ));
        }
        if s.expect_error.is_some() && s.request.is_array() {
            return Err(ScenarioError::at(
                format!("{path}.expect_error"),
                "a batch answers each request on its own: select `[i].error.code` in `expect` instead",
            ));
        }
        let mut expect = Vec::new();
        for (text, want) in s.expect.unwrap_or_default() {
            let selector = Selector::parse(&text).map_err(|m| {
                ScenarioError::at(format!("{path}.expect[\"{text}\"]"), format!("unknown selector: {m}"))
            })?;
            expect.push((selector, want));
        }
        steps.push(Step {
            name: s.name,
            request: s.request,
            expect,
            expect_error: s.expect_error,
        });
    }
    Ok(Scenario {
        name: doc.name,
        description: doc.description,
        handbook,
        steps,
    })
}

fn handbook_ref(v: &Value) -> Result<HandbookRef, ScenarioError> {
    let wrong = || {
        ScenarioError::at(
            "handbook",
            "`handbook` is \"default\", {\"path\": \"file.json\"} or {\"default_with\": {…merge patch…}}",
        )
    };
    match v {
        Value::String(s) if s == "default" => Ok(HandbookRef::Default),
        Value::Object(m) if m.len() == 1 => match m.iter().next() {
            Some((k, Value::String(p))) if k == "path" => Ok(HandbookRef::Path(p.clone())),
            Some((k, patch)) if k == "default_with" => Ok(HandbookRef::DefaultWith(patch.clone())),
            _ => Err(wrong()),
        },
        _ => Err(wrong()),
    }
}

#[cfg(test)]
mod tests;
