//! The compiled, immutable engine: one handbook, validated once, then shared freely across threads.

use serde_json::Value;

use crate::calendar::Calendars;
use crate::error::Problem;
use crate::handbook::{self, Diagnostics, Org};
use crate::{api, fees, sla, workflow, Limits};

/// A handbook compiled into rules (规则引擎). Every method is a pure function of the engine and its inputs.
#[derive(Debug)]
#[allow(dead_code)] // sections are read by their ops as the pillars land
pub struct Engine {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) org: Org,
    pub(crate) calendars: Calendars,
    pub(crate) sla: sla::Section,
    pub(crate) fees: fees::Section,
    pub(crate) workflows: workflow::Section,
    pub(crate) limits: Limits,
}

/// What sections see of the handbook compiled before them: the org chart and the calendars.
pub struct Context<'a> {
    pub org: &'a Org,
    pub calendars: &'a Calendars,
}

/// Every problem a handbook has, each with a code and a JSON path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the handbook has {} problem(s); first: {}", .0.len(), .0.first().map(|p| p.to_string()).unwrap_or_default())]
pub struct HandbookErrors(pub Vec<Problem>);

impl Engine {
    /// Compiles the embedded default handbook (the seed handbook's rules, with assumptions marked).
    pub fn with_default_handbook() -> Result<Engine, HandbookErrors> {
        Engine::from_value(&handbook::default_document())
    }

    /// Parses and compiles a handbook document from JSON text.
    pub fn from_json(text: &str) -> Result<Engine, HandbookErrors> {
        let doc: Value = serde_json::from_str(text)
            .map_err(|e| HandbookErrors(vec![Problem::new("handbook.malformed_json", e.to_string())]))?;
        Engine::from_value(&doc)
    }

    /// Compiles a handbook document, reporting every problem at once.
    pub fn from_value(doc: &Value) -> Result<Engine, HandbookErrors> {
        let mut d = Diagnostics::default();
        let Some(obj) = handbook::check_envelope(doc, &mut d) else {
            return Err(HandbookErrors(d.into_problems()));
        };
        let text = |k: &str| obj.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        let org = handbook::org::compile(obj.get("org"), &mut d);
        let calendars = crate::calendar::compile(obj.get("holiday_sets"), obj.get("calendars"), &mut d);
        let cx = Context {
            org: &org,
            calendars: &calendars,
        };
        let sla = sla::compile(obj.get("sla"), &cx, &mut d);
        let fees = fees::compile(obj.get("fees"), &cx, &mut d);
        let workflows = workflow::compile(obj.get("workflows"), &cx, &mut d);
        if !d.is_empty() {
            return Err(HandbookErrors(d.into_problems()));
        }
        Ok(Engine {
            name: text("name"),
            version: text("version"),
            org,
            calendars,
            sla,
            fees,
            workflows,
            limits: Limits::DEFAULT,
        })
    }

    /// The same engine answering requests under other limits (see [`Limits`] and docs/security.md).
    pub fn with_limits(mut self, limits: Limits) -> Engine {
        self.limits = limits;
        self
    }

    /// The limits every request is checked against.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Answers one protocol request, or a JSON array of them, given as JSON text (see docs/protocol.md).
    ///
    /// Never fails: a bad request gets an `{"error": …}` response.
    pub fn request(&self, json: &str) -> String {
        api::handle_text(self, json)
    }

    /// [`Engine::request`] through a parsed `serde_json::Value` only, never the fast text path: the same bytes,
    /// slower. For tests and fuzzing that hold the fast path to the canonical one.
    #[doc(hidden)]
    pub fn request_canonical(&self, json: &str) -> String {
        api::handle_text_canonical(self, json)
    }

    /// Answers one protocol request (or an array of them) given as a JSON value.
    pub fn handle(&self, request: &Value) -> Value {
        api::handle_value(self, request)
    }

    /// The handbook's name and version, as written in the document.
    pub fn name(&self) -> (&str, &str) {
        (&self.name, &self.version)
    }

    pub fn org(&self) -> &Org {
        &self.org
    }

    pub fn calendars(&self) -> &Calendars {
        &self.calendars
    }

    /// Every rule of the handbook with its stable id and source, section by section (for coverage and
    /// explanations). A pillar adds its rules with one line here.
    pub fn rules(&self) -> Vec<handbook::Rule> {
        let mut rules = self.org.rules();
        rules.extend(self.calendars.rules());
        rules.extend(self.sla.rules());
        rules.extend(self.fees.rules());
        rules.extend(self.workflows.rules());
        rules
    }

    /// The compiled fee rules: the typed fee API (`engine.fees().quote(&input)`).
    pub fn fees(&self) -> &fees::Section {
        &self.fees
    }

    /// The SLA policies: evaluate tickets, compute KPIs.
    pub fn sla(&self) -> &sla::Section {
        &self.sla
    }

    /// The compiled approval workflows (审批流程) and the custody ledger's definition.
    pub fn workflows(&self) -> &workflow::Section {
        &self.workflows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_handbook_compiles() {
        let e = Engine::with_default_handbook().unwrap();
        assert!(e.org().role_id("supervisor").is_some());
    }

    #[test]
    fn engine_is_send_and_sync() {
        fn assert_shareable<T: Send + Sync>() {}
        assert_shareable::<Engine>();
    }

    #[test]
    fn malformed_json_is_one_located_error() {
        let e = Engine::from_json("{\"format\": ").unwrap_err();
        assert_eq!(e.0[0].code, "handbook.malformed_json");
    }
}
