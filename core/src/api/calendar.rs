//! `calendar.*` ops.

use serde_json::Value;

use crate::error::Problem;
use crate::Engine;

pub(crate) fn handle(_engine: &Engine, op: &str, _args: &Value) -> Result<Value, Problem> {
    Err(super::unknown_op(op))
}
