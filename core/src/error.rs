//! Errors as values: every failure has a stable machine `code`, a message, and a JSON path where input was at fault.

use serde::Serialize;
use std::fmt;

/// One problem with a request or a handbook, as it crosses the protocol boundary.
///
/// `code` is stable across releases (hosts switch on it); `message` is for people; `path` locates the
/// offending value inside the request or handbook document (`calendars.office.week.mon[0]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl Problem {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Problem {
            code,
            message: message.into(),
            path: None,
        }
    }

    /// The same problem located at `path` (kept if the problem already has a more precise one below it).
    pub fn at(mut self, path: impl Into<String>) -> Self {
        let outer: String = path.into();
        self.path = Some(match self.path.take() {
            Some(inner) if !inner.is_empty() && inner != "." => join_path(&outer, &inner),
            _ => outer,
        });
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "[{}] {}: {}", self.code, p, self.message),
            None => write!(f, "[{}] {}", self.code, self.message),
        }
    }
}

impl std::error::Error for Problem {}

/// A typed error of one area of the library that knows its stable code.
pub trait Coded: std::error::Error {
    /// The stable machine code, `area.reason` (e.g. `calendar.out_of_coverage`).
    fn code(&self) -> &'static str;
}

impl<E: Coded> From<E> for Problem {
    fn from(e: E) -> Self {
        Problem::new(e.code(), e.to_string())
    }
}

/// Joins two JSON paths: `a.b` + `c[0]` → `a.b.c[0]`, `a` + `[1]` → `a[1]`.
pub fn join_path(outer: &str, inner: &str) -> String {
    if outer.is_empty() || outer == "." {
        inner.to_string()
    } else if inner.is_empty() || inner == "." {
        outer.to_string()
    } else if inner.starts_with('[') {
        format!("{outer}{inner}")
    } else {
        format!("{outer}.{inner}")
    }
}

/// Deserializes `value` into `T`, turning serde's first error into a located [`Problem`].
///
/// The code says what kind of mistake it is: `{area}.unknown_field`, `{area}.missing_field` or
/// `{area}.invalid_value`, where `area` is `request` or `handbook`.
pub fn from_value<T: serde::de::DeserializeOwned>(value: &serde_json::Value, area: Area) -> Result<T, Problem> {
    // Most values are valid: read them directly, and pay for tracking the path only to locate a refusal.
    if let Ok(v) = T::deserialize(value) {
        return Ok(v);
    }
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        let problem = match coded_message(&message) {
            Some((code, rest)) => Problem::new(code, rest),
            None => Problem::new(classify(area, &message), message),
        };
        if path.is_empty() || path == "." {
            problem
        } else {
            problem.at(path)
        }
    })
}

/// Which document a deserialization error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Request,
    Handbook,
}

/// Codes that value types raise from inside `Deserialize` (as `"code: message"`), kept rather than
/// flattened into `invalid_value` so a host can tell a missing offset from a typo.
const DESERIALIZE_CODES: [&str; 6] = [
    "time.missing_offset",
    "time.invalid_instant",
    "time.sub_second",
    "time.out_of_range",
    "time.invalid_date",
    "time.invalid_offset",
];

/// A `Deserialize` error message carrying its own code.
pub(crate) fn coded<E: Coded, D: serde::de::Error>(e: E) -> D {
    D::custom(format_args!("{}: {}", e.code(), e))
}

fn coded_message(message: &str) -> Option<(&'static str, &str)> {
    let (code, rest) = message.split_once(": ")?;
    DESERIALIZE_CODES.iter().find(|c| **c == code).map(|c| (*c, rest))
}

fn classify(area: Area, message: &str) -> &'static str {
    let kind = if message.starts_with("unknown field") {
        0
    } else if message.starts_with("missing field") {
        1
    } else if message.starts_with("unknown variant") {
        2
    } else {
        3
    };
    match (area, kind) {
        (Area::Request, 0) => "request.unknown_field",
        (Area::Request, 1) => "request.missing_field",
        (Area::Request, 2) => "request.unknown_variant",
        (Area::Request, _) => "request.invalid_value",
        (Area::Handbook, 0) => "handbook.unknown_field",
        (Area::Handbook, 1) => "handbook.missing_field",
        (Area::Handbook, 2) => "handbook.unknown_variant",
        (Area::Handbook, _) => "handbook.invalid_value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_like_serde_path_to_error() {
        assert_eq!(join_path("a.b", "c[0]"), "a.b.c[0]");
        assert_eq!(join_path("a", "[1].x"), "a[1].x");
        assert_eq!(join_path("", "x"), "x");
        assert_eq!(join_path("x", "."), "x");
    }

    #[test]
    fn deserialize_errors_are_classified_and_located() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Inner {
            n: u32,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            items: Vec<Inner>,
        }
        let v = serde_json::json!({"items": [{"n": 1}, {"n": 2, "m": 3}]});
        let p = from_value::<Outer>(&v, Area::Request).unwrap_err();
        assert_eq!(p.code, "request.unknown_field");
        assert_eq!(p.path.as_deref(), Some("items[1].m"));
        let v = serde_json::json!({"items": [{"n": -1}]});
        let p = from_value::<Outer>(&v, Area::Handbook).unwrap_err();
        assert_eq!(p.code, "handbook.invalid_value");
        assert_eq!(p.path.as_deref(), Some("items[0].n"));
    }
}
