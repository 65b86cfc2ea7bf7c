//! Exact money (金额) and decimals: amounts are integer fen, rates and quantities are fixed-point decimals, and
//! rounding happens only where a caller names a [`Rounding`]. No floating point anywhere.
//!
//! ```
//! use wuye::money::{Decimal, Money, Rounding};
//! let x: Decimal = "444.195".parse().unwrap();
//! assert_eq!(x.to_money(Rounding::default()).unwrap(), "444.20".parse::<Money>().unwrap());
//! ```

mod amount;
mod apportion;
mod decimal;
mod rounding;

pub use amount::Money;
pub use apportion::apportion;
pub use decimal::{mul as decimal_mul, Decimal, MAX_PARSE_SCALE, MAX_SCALE};
pub use rounding::{round_ratio, Mode, Rounding, Unit};

use crate::error::Coded;

/// Why an amount or decimal was refused or an operation could not be done exactly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("`{0}` is not a decimal number (write e.g. \"1234.50\")")]
    Malformed(String),
    #[error("`{0}` has more decimal places than allowed ({1})")]
    TooPrecise(String, u32),
    #[error("the result does not fit the exact representation (overflow)")]
    Overflow,
    #[error("division by zero")]
    DivisionByZero,
    #[error("apportionment needs non-negative weights with a positive sum")]
    InvalidWeights,
}

impl Coded for MoneyError {
    fn code(&self) -> &'static str {
        match self {
            MoneyError::Malformed(_) => "money.malformed",
            MoneyError::TooPrecise(..) => "money.too_precise",
            MoneyError::Overflow => "money.overflow",
            MoneyError::DivisionByZero => "money.division_by_zero",
            MoneyError::InvalidWeights => "money.invalid_weights",
        }
    }
}
