//! Running scenarios: compile (and cache) each handbook once, answer every step, compare with expectations.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use serde_json::Value;

use super::{coverage, merge_patch, parse, HandbookRef, Scenario, ScenarioError, Step};
use crate::handbook::{default_document, Rule};
use crate::Engine;

/// Reads a handbook named by a scenario (a path relative to the scenario file) and returns a stable name for it
/// (e.g. the canonical path) and its text. The core never touches files; the caller decides what a path means.
pub type Resolver = dyn Fn(&str) -> Result<(String, String), String>;

/// A resolver for callers without files (tests, the browser): every handbook path is refused.
pub static NO_FILES: fn(&str) -> Result<(String, String), String> =
    |path| Err(format!("no files here: cannot read handbook `{path}`"));

/// One unmet expectation (or a step that could not run), located by step and selector.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Index of the step, `None` when the scenario failed before its steps (e.g. its handbook is refused).
    pub step: Option<usize>,
    pub step_name: Option<String>,
    pub selector: Option<String>,
    pub expected: Option<Value>,
    /// What the answer held there; `None` when the selector found nothing.
    pub actual: Option<Value>,
    pub message: String,
}

/// The result of one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub name: String,
    pub steps: usize,
    /// The handbook group its rules count toward: `default` (also for `default_with`) or the resolved path.
    pub handbook: String,
    pub failures: Vec<Failure>,
    /// Ids of the rules the scenario's requests exercised (see [`super::exercised`]).
    pub exercised: BTreeSet<String>,
    /// Set when the file itself is malformed; the scenario did not run.
    pub malformed: Option<ScenarioError>,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.malformed.is_none() && self.failures.is_empty()
    }

    /// The report of a file that could not be read or parsed.
    pub fn malformed(e: ScenarioError) -> Report {
        Report {
            name: String::new(),
            steps: 0,
            handbook: "default".into(),
            failures: Vec::new(),
            exercised: BTreeSet::new(),
            malformed: Some(e),
        }
    }
}

type Compiled = Result<Arc<Engine>, String>;

/// Runs scenarios, compiling each distinct handbook once.
#[derive(Default)]
pub struct Runner {
    engines: HashMap<String, Compiled>,
}

impl Runner {
    /// Parses and runs a scenario file's text; a malformed file is a failed report, never a panic.
    pub fn run_text(&mut self, text: &str, resolve: &Resolver) -> Report {
        match parse(text) {
            Ok(s) => self.run(&s, resolve),
            Err(e) => Report::malformed(e),
        }
    }

    /// Runs a parsed scenario.
    pub fn run(&mut self, scenario: &Scenario, resolve: &Resolver) -> Report {
        let (group, engine) = self.engine(&scenario.handbook, resolve);
        let mut report = Report {
            name: scenario.name.clone(),
            steps: scenario.steps.len(),
            handbook: group,
            failures: Vec::new(),
            exercised: BTreeSet::new(),
            malformed: None,
        };
        let engine = match engine {
            Ok(e) => e,
            Err(message) => {
                report.failures.push(Failure {
                    step: None,
                    step_name: None,
                    selector: None,
                    expected: None,
                    actual: None,
                    message: format!("handbook refused: {message}"),
                });
                return report;
            }
        };
        for (i, step) in scenario.steps.iter().enumerate() {
            let answer = engine.handle(&step.request);
            coverage::exercised(&engine, &step.request, &answer, &mut report.exercised);
            check(i, step, &answer, &mut report.failures);
        }
        report
    }

    /// The rules of a handbook group, for coverage (`default`, or a path a scenario named).
    pub fn rules(&mut self, group: &str) -> Vec<Rule> {
        let key = if group == "default" {
            "default".to_string()
        } else {
            format!("path:{group}")
        };
        match self.engines.get(&key) {
            Some(Ok(e)) => e.rules(),
            _ if group == "default" => self.default_engine().map(|e| e.rules()).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    fn default_engine(&mut self) -> Compiled {
        self.engines
            .entry("default".into())
            .or_insert_with(|| compile(&default_document()))
            .clone()
    }

    /// The engine for a handbook reference and the coverage group it belongs to.
    fn engine(&mut self, handbook: &HandbookRef, resolve: &Resolver) -> (String, Compiled) {
        match handbook {
            HandbookRef::Default => ("default".into(), self.default_engine()),
            HandbookRef::DefaultWith(patch) => {
                let key = format!("patch:{patch}");
                let engine = self
                    .engines
                    .entry(key)
                    .or_insert_with(|| {
                        let mut doc = default_document();
                        merge_patch(&mut doc, patch);
                        compile(&doc)
                    })
                    .clone();
                ("default".into(), engine)
            }
            HandbookRef::Path(path) => match resolve(path) {
                Ok((name, text)) => {
                    let engine = self
                        .engines
                        .entry(format!("path:{name}"))
                        .or_insert_with(|| match serde_json::from_str::<Value>(&text) {
                            Ok(doc) => compile(&doc),
                            Err(e) => Err(format!("{name}: line {}, column {}: {e}", e.line(), e.column())),
                        })
                        .clone();
                    (name, engine)
                }
                Err(message) => (path.clone(), Err(message)),
            },
        }
    }
}

fn compile(doc: &Value) -> Compiled {
    Engine::from_value(doc)
        .map(Arc::new)
        .map_err(|e| e.0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
}

/// Compares one answer with the step's expectations.
fn check(i: usize, step: &Step, answer: &Value, failures: &mut Vec<Failure>) {
    let fail = |selector: Option<&str>, expected: Option<Value>, actual: Option<Value>, message: String| Failure {
        step: Some(i),
        step_name: step.name.clone(),
        selector: selector.map(str::to_string),
        expected,
        actual,
        message,
    };
    if let Some(want) = &step.expect_error {
        match answer.get("error") {
            Some(err) => {
                let code = err.get("code").cloned().unwrap_or(Value::Null);
                if code.as_str() != Some(want.code.as_str()) {
                    let msg = format!("wrong error code ({})", text_of(err.get("message")));
                    failures.push(fail(
                        Some("error.code"),
                        Some(want.code.clone().into()),
                        Some(code),
                        msg,
                    ));
                }
                if let Some(path) = &want.path {
                    let actual = err.get("path").cloned();
                    if actual.as_ref().and_then(Value::as_str) != Some(path.as_str()) {
                        let msg = "wrong error path".to_string();
                        failures.push(fail(Some("error.path"), Some(path.clone().into()), actual, msg));
                    }
                }
            }
            None => failures.push(fail(
                Some("error.code"),
                Some(want.code.clone().into()),
                answer.get("ok").cloned(),
                "expected an error, the request succeeded".into(),
            )),
        }
        return;
    }
    // A single request's expectations address its `ok` value; a batch's address the array of its answers, each
    // element being that request's `ok` value or `{"error": …}`.
    let root = match answer {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|a| a.get("ok").cloned().unwrap_or_else(|| a.clone()))
                .collect(),
        ),
        one => match (one.get("ok"), one.get("error")) {
            (Some(ok), _) => ok.clone(),
            (None, err) => {
                let err = err.cloned().unwrap_or(Value::Null);
                let msg = format!(
                    "the request failed: [{}] {}",
                    text_of(err.get("code")),
                    text_of(err.get("message"))
                );
                failures.push(fail(None, None, Some(serde_json::json!({ "error": err })), msg));
                return;
            }
        },
    };
    for (selector, want) in &step.expect {
        match selector.select(&root) {
            Ok(got) if got == want => {}
            Ok(got) => failures.push(fail(
                Some(selector.as_str()),
                Some(want.clone()),
                Some(got.clone()),
                "value differs".into(),
            )),
            Err(miss) => failures.push(fail(
                Some(selector.as_str()),
                Some(want.clone()),
                None,
                miss.to_string(),
            )),
        }
    }
}

fn text_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}
