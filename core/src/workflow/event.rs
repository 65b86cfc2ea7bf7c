//! Events (事件): what happened, who did it in which role, when and why. A workflow's history is its list of
//! accepted events — the audit trail.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::time::Instant;

/// One event of a workflow instance, as the host sends it and as the history keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The event's name in the workflow definition, e.g. `approve`.
    pub name: String,
    /// Who acted (a staff id or name, or the owner), as the host knows them.
    pub actor: String,
    /// The org-chart role the actor acted in; required (an event without one is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// When it happened (RFC 3339 with offset; the protocol writes it back in the workflows' local offset).
    pub at: Instant,
    /// Facts of the event that guards and effects read: documents, amounts, inspection results, holders.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub payload: Map<String, Value>,
    /// Why, in words (审批意见): kept in the audit trail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
