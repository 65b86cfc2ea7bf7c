//! Collects every problem of a handbook at once, each with its JSON path, instead of stopping at the first.

use crate::error::{from_value, join_path, Area, Problem};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The problems found so far while compiling one handbook document.
#[derive(Debug, Default)]
pub struct Diagnostics {
    problems: Vec<Problem>,
}

impl Diagnostics {
    /// Records a problem at `path`.
    pub fn error(&mut self, code: &'static str, path: &str, message: impl Into<String>) {
        self.problems.push(Problem::new(code, message).at(path));
    }

    /// Records an already-built problem, located under `path`.
    pub fn report(&mut self, problem: Problem, path: &str) {
        self.problems.push(problem.at(path));
    }

    /// Deserializes one value of the document; on failure records the located problem and returns `None`,
    /// so the caller can go on checking the rest.
    pub fn parse<T: DeserializeOwned>(&mut self, value: &Value, path: &str) -> Option<T> {
        match from_value(value, Area::Handbook) {
            Ok(v) => Some(v),
            Err(p) => {
                self.report(p, path);
                None
            }
        }
    }

    /// Deserializes each element of a JSON array separately, so one bad element does not hide the others.
    pub fn parse_each<T: DeserializeOwned>(&mut self, value: &Value, path: &str) -> Vec<(String, T)> {
        let Some(items) = value.as_array() else {
            self.error("handbook.invalid_value", path, "expected an array");
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let p = format!("{path}[{i}]");
                self.parse(item, &p).map(|v| (p, v))
            })
            .collect()
    }

    /// Deserializes each member of a JSON object separately, keyed by member name.
    pub fn parse_members<T: DeserializeOwned>(&mut self, value: &Value, path: &str) -> Vec<(String, String, T)> {
        let Some(members) = value.as_object() else {
            self.error("handbook.invalid_value", path, "expected an object");
            return Vec::new();
        };
        members
            .iter()
            .filter_map(|(k, v)| {
                let p = join_path(path, k);
                self.parse(v, &p).map(|t| (p, k.clone(), t))
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }
}
