//! Where an op reads its arguments and writes its answer.
//!
//! Every op is written once, against [`Exchange`], and runs on two of them: [`ValueExchange`] reads a parsed
//! `serde_json::Value` (the canonical path: every refusal located by its JSON path, answers canonicalized through
//! `Value`) and `TextExchange` (api/text.rs) reads request text straight into the op's typed arguments and writes
//! the typed answer straight to text (the fast path, which hands anything unusual back to the canonical one).

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::{from_value, Area, Problem};

/// An op's arguments in, its answer out.
pub(crate) trait Exchange {
    /// What a successful op produces.
    type Answer;

    /// Reads the op's arguments (the request's members other than `op` and `id`) into its typed request.
    fn args<T: DeserializeOwned>(&mut self) -> Result<T, Problem>;

    /// Turns the op's typed answer into [`Exchange::Answer`].
    fn ok<T: Serialize>(&mut self, answer: &T) -> Result<Self::Answer, Problem>;

    /// [`Exchange::ok`] for an answer already built as a JSON value.
    fn ok_value(&mut self, answer: Value) -> Result<Self::Answer, Problem> {
        self.ok(&answer)
    }
}

/// The canonical exchange: arguments from a parsed value, with located errors; answers as values.
pub(crate) struct ValueExchange<'a>(pub &'a Value);

impl Exchange for ValueExchange<'_> {
    type Answer = Value;

    fn args<T: DeserializeOwned>(&mut self) -> Result<T, Problem> {
        from_value(self.0, Area::Request)
    }

    fn ok<T: Serialize>(&mut self, answer: &T) -> Result<Value, Problem> {
        serde_json::to_value(answer).map_err(|e| Problem::new("internal.serialize", e.to_string()))
    }

    fn ok_value(&mut self, answer: Value) -> Result<Value, Problem> {
        Ok(answer)
    }
}
