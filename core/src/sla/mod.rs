//! Placeholder: filled by its pillar.

use serde_json::Value;

use crate::engine::Context;
use crate::handbook::Diagnostics;

/// The compiled `sla` section of a handbook.
#[derive(Debug, Default)]
pub struct Section {}

/// Compiles the `sla` section.
pub fn compile(_value: Option<&Value>, _cx: &Context, _d: &mut Diagnostics) -> Section {
    Section::default()
}
