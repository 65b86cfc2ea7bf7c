//! Why an event, a history or a custody request was refused: one typed error per reason, each with a stable code.

use crate::calendar::CalendarError;
use crate::error::Coded;

/// A refused workflow input (审批流程错误). A refused event changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    #[error("no workflow `{0}` in the handbook")]
    UnknownDefinition(String),
    #[error("workflow `{workflow}` has no event `{event}`")]
    UnknownEvent { workflow: String, event: String },
    #[error("event `{event}` is not possible in state `{state}`; possible here: {possible}")]
    InvalidTransition {
        event: String,
        state: String,
        possible: String,
    },
    #[error("the workflow is finished (state `{state}`); event `{event}` is not possible")]
    Finished { event: String, state: String },
    #[error("the event names no actor")]
    MissingActor,
    #[error("actor `{0}` acts without a role; every event says in which role it was made")]
    MissingRole(String),
    #[error("role `{0}` is not in the org chart")]
    UnknownRole(String),
    #[error("role `{role}` may not make `{event}`; allowed: {allowed}")]
    RoleNotAllowed {
        event: String,
        role: String,
        allowed: String,
    },
    #[error("guard `{guard}` failed: {reason}")]
    GuardFailed {
        guard: String,
        /// The payload field the guard reads, if it reads one.
        field: Option<String>,
        reason: String,
    },
    #[error("event at {at} is earlier than the previous event at {previous}; events come in time order")]
    OutOfOrder { at: String, previous: String },
    #[error("event at {at} is later than now ({now})")]
    InTheFuture { at: String, now: String },
    #[error(
        "`{field}` must be an amount as a decimal string with at most 2 decimals, e.g. \"1234.50\"; found {found}"
    )]
    InvalidAmount { field: String, found: String },
    #[error("payload has no `{0}`")]
    MissingPayloadField(String),
    #[error("account `{account}` holds {balance}; cannot deduct {amount}")]
    InsufficientBalance {
        account: String,
        balance: String,
        amount: String,
    },
    #[error("amount overflow")]
    AmountOverflow,
    #[error("timer: {0}")]
    Calendar(#[from] CalendarError),
    #[error("no custody ledger is configured in the handbook's workflows section")]
    NoCustody,
    #[error("key `{0}` is not in the ledger; register it first")]
    UnknownKey(String),
    #[error("a custody event needs a `key`")]
    MissingKey,
}

impl WorkflowError {
    /// Where inside the event the fault lies (`role`, `at`, `payload.amount`), for the protocol's path.
    pub fn field(&self) -> Option<String> {
        use WorkflowError::*;
        Some(match self {
            UnknownEvent { .. } | InvalidTransition { .. } | Finished { .. } => "name".into(),
            MissingActor => "actor".into(),
            MissingRole(_) | UnknownRole(_) | RoleNotAllowed { .. } => "role".into(),
            OutOfOrder { .. } | InTheFuture { .. } => "at".into(),
            GuardFailed { field: Some(f), .. } => format!("payload.{f}"),
            GuardFailed { field: None, .. } => "payload".into(),
            InvalidAmount { field, .. } | MissingPayloadField(field) => format!("payload.{field}"),
            MissingKey | UnknownKey(_) => "key".into(),
            _ => return None,
        })
    }
}

impl Coded for WorkflowError {
    fn code(&self) -> &'static str {
        use WorkflowError::*;
        match self {
            UnknownDefinition(_) => "workflow.unknown_definition",
            UnknownEvent { .. } => "workflow.unknown_event",
            InvalidTransition { .. } => "workflow.invalid_transition",
            Finished { .. } => "workflow.finished",
            MissingActor => "workflow.missing_actor",
            MissingRole(_) => "workflow.missing_role",
            UnknownRole(_) => "workflow.unknown_role",
            RoleNotAllowed { .. } => "workflow.role_not_allowed",
            GuardFailed { .. } => "workflow.guard_failed",
            OutOfOrder { .. } => "workflow.out_of_order",
            InTheFuture { .. } => "workflow.event_in_future",
            InvalidAmount { .. } => "workflow.invalid_amount",
            MissingPayloadField(_) => "workflow.missing_payload_field",
            InsufficientBalance { .. } => "workflow.insufficient_balance",
            AmountOverflow => "workflow.amount_overflow",
            Calendar(e) => e.code(),
            NoCustody => "custody.not_configured",
            UnknownKey(_) => "custody.unknown_key",
            MissingKey => "custody.missing_key",
        }
    }
}
