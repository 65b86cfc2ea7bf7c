//! Why a fee question was refused: stable `fees.*` codes (and `money.*` for arithmetic), with a path into the
//! request where one is known.

use crate::error::{Coded, Problem};
use crate::money::MoneyError;

/// A refused fee computation. Nothing is half-done: the caller gets this and no partial result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeeError {
    #[error(transparent)]
    Money(#[from] MoneyError),
    #[error("unknown property use `{0}`")]
    UnknownUse(String),
    #[error("unknown fee item `{0}`")]
    UnknownItem(String),
    #[error("fee item `{item}` is not billed to units of use `{use_}`")]
    ItemNotForUse { item: String, use_: String },
    #[error("fee item `{0}` is not of the kind this input is for")]
    WrongItemKind(String),
    #[error("an area cannot be negative")]
    NegativeArea,
    #[error("the unit has no {0} area, which fee item `{1}` needs")]
    MissingArea(&'static str, String),
    #[error("meter readings go backwards (previous {previous}, current {current})")]
    ReadingsBackwards { previous: String, current: String },
    #[error("a quantity cannot be negative")]
    NegativeQuantity,
    #[error("an amount cannot be negative here")]
    NegativeAmount,
    #[error("the period ends before it starts")]
    PeriodReversed,
    #[error("a share needs 0 ≤ weight ≤ total weight and a positive total weight")]
    InvalidShare,
    #[error("use `{use_}` has no tariff for `{utility}`")]
    NoTariff { use_: String, utility: String },
    #[error("unit `{0}` appears twice in the bill run")]
    DuplicateUnit(String),
    #[error("no unit of the run carries shared item `{0}` (or all its weights are zero)")]
    EmptyPool(String),
    #[error("a payment is dated after the statement date")]
    PaymentAfterAsOf,
    #[error("the date is outside the supported range")]
    DateOutOfRange,
    #[error("{source}")]
    At {
        path: String,
        #[source]
        source: Box<FeeError>,
    },
}

impl Coded for FeeError {
    fn code(&self) -> &'static str {
        match self {
            FeeError::Money(m) => m.code(),
            FeeError::UnknownUse(_) => "fees.unknown_use",
            FeeError::UnknownItem(_) => "fees.unknown_item",
            FeeError::ItemNotForUse { .. } => "fees.item_not_for_use",
            FeeError::WrongItemKind(_) => "fees.wrong_item_kind",
            FeeError::NegativeArea => "fees.negative_area",
            FeeError::MissingArea(..) => "fees.missing_area",
            FeeError::ReadingsBackwards { .. } => "fees.readings_backwards",
            FeeError::NegativeQuantity => "fees.negative_quantity",
            FeeError::NegativeAmount => "fees.negative_amount",
            FeeError::PeriodReversed => "fees.period_reversed",
            FeeError::InvalidShare => "fees.invalid_share",
            FeeError::NoTariff { .. } => "fees.no_tariff",
            FeeError::DuplicateUnit(_) => "fees.duplicate_unit",
            FeeError::EmptyPool(_) => "fees.empty_pool",
            FeeError::PaymentAfterAsOf => "fees.payment_after_as_of",
            FeeError::DateOutOfRange => "fees.date_out_of_range",
            FeeError::At { source, .. } => source.code(),
        }
    }
}

impl FeeError {
    /// The same error located at `path` in the request (an inner path is kept below it).
    pub fn at(self, path: impl Into<String>) -> FeeError {
        let path = path.into();
        match self {
            FeeError::At { path: inner, source } => FeeError::At {
                path: crate::error::join_path(&path, &inner),
                source,
            },
            e => FeeError::At {
                path,
                source: Box::new(e),
            },
        }
    }

    /// The error as it crosses the protocol boundary.
    pub fn to_problem(&self) -> Problem {
        match self {
            FeeError::At { path, source } => Problem::new(source.code(), source.to_string()).at(path.clone()),
            e => Problem::new(e.code(), e.to_string()),
        }
    }
}

/// Locates a result's error at `path`.
pub(crate) trait AtPath<T> {
    fn at(self, path: impl FnOnce() -> String) -> Result<T, FeeError>;
}

impl<T, E: Into<FeeError>> AtPath<T> for Result<T, E> {
    #[inline]
    fn at(self, path: impl FnOnce() -> String) -> Result<T, FeeError> {
        self.map_err(|e| e.into().at(path()))
    }
}
