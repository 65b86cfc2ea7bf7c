//! Effects of a transition on the instance: money held and settled (a renovation deposit, 装修押金) and facts
//! recorded from the payload (who holds a key). Money is exact: integer fen, decimal strings at the boundary.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

use super::error::WorkflowError;
use super::guard::amount as parse_amount;
use crate::money::Money;

/// What a transition does besides changing the state.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Effect {
    /// Holds the amount at payload `field` on `account` (a deposit paid).
    Hold { account: String, field: String },
    /// Deducts the amount at payload `field` from `account`, if the payload has it (a fine for a violation).
    Deduct { account: String, field: String },
    /// Settles `account`: refunds what is left after deductions (押金退还).
    Settle { account: String },
    /// Records payload `field` as the instance's fact `fact` (e.g. the key's holder).
    Record { fact: String, field: String },
    /// Forgets the fact `fact`.
    Forget { fact: String },
}

/// Money held on one account of an instance: always `balance = held − deducted − refunded`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Account {
    pub held: Money,
    pub deducted: Money,
    pub refunded: Money,
    pub balance: Money,
}

/// Facts recorded by effects, by name.
pub type Facts = BTreeMap<String, Value>;

/// Applies `effects` in order to copies of the accounts and facts; on error nothing is changed.
pub(crate) fn apply(
    effects: &[Effect],
    payload: &Map<String, Value>,
    accounts: &mut BTreeMap<String, Account>,
    facts: &mut Facts,
) -> Result<(), WorkflowError> {
    let amount = |field: &str| -> Result<Option<Money>, WorkflowError> {
        match payload.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => parse_amount(s).map(Some).ok_or_else(|| WorkflowError::InvalidAmount {
                field: field.to_string(),
                found: format!("\"{s}\""),
            }),
            Some(other) => Err(WorkflowError::InvalidAmount {
                field: field.to_string(),
                found: other.to_string(),
            }),
        }
    };
    let overflow = |_| WorkflowError::AmountOverflow;
    for effect in effects {
        match effect {
            Effect::Hold { account, field } => {
                let a = amount(field)?.ok_or_else(|| WorkflowError::MissingPayloadField(field.clone()))?;
                let acc = accounts.entry(account.clone()).or_default();
                acc.held = acc.held.checked_add(a).map_err(overflow)?;
                acc.balance = acc.balance.checked_add(a).map_err(overflow)?;
            }
            Effect::Deduct { account, field } => {
                if let Some(a) = amount(field)? {
                    let acc = accounts.entry(account.clone()).or_default();
                    let left = acc.balance.checked_sub(a).map_err(overflow)?;
                    if left.is_negative() {
                        return Err(WorkflowError::InsufficientBalance {
                            account: account.clone(),
                            balance: acc.balance.to_string(),
                            amount: a.to_string(),
                        });
                    }
                    acc.balance = left;
                    acc.deducted = acc.deducted.checked_add(a).map_err(overflow)?;
                }
            }
            Effect::Settle { account } => {
                let acc = accounts.entry(account.clone()).or_default();
                acc.refunded = acc.refunded.checked_add(acc.balance).map_err(overflow)?;
                acc.balance = Money::ZERO;
            }
            Effect::Record { fact, field } => {
                let v = payload
                    .get(field)
                    .filter(|v| !v.is_null())
                    .ok_or_else(|| WorkflowError::MissingPayloadField(field.clone()))?;
                facts.insert(fact.clone(), v.clone());
            }
            Effect::Forget { fact } => {
                facts.remove(fact);
            }
        }
    }
    Ok(())
}
