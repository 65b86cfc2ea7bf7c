//! Fees by property use (§2.1.7, §2.2.7): tariffs, shared-cost apportionment (公摊), metered and tiered
//! utilities, prepaid top-ups, late fees and arrears. Every number comes from the handbook's `fees` section;
//! every amount is exact ([`crate::money`]) and rounded only at the section's named rounding points.
//!
//! Typed entry point: `engine.fees().quote(&QuoteInput { … })` (see [`Section::quote`]); the protocol ops
//! (`fees.quote`, `fees.bill`, `fees.apportion`, `fees.topup`, `fees.arrears`) are in `api/fees.rs` and
//! docs/fees.md.

mod arrears;
mod bill;
mod compile;
mod error;
mod fast;
mod period;
mod quote;
pub mod rules;
mod tiers;
mod topup;

pub use arrears::{AccountStatement, ChargeStatus, Debt, OpenCharge, Payment};
pub use bill::{Bill, BillRun, Pool, UnitRecord};
pub use compile::compile;
pub use error::FeeError;
pub use period::{add_months, days_in_month, parse_ymd, Period, Ratio};
pub use quote::{Areas, Detail, Line, LineKind, Occupancy, Payer, Quote, QuoteInput, Reading, Share};
pub use tiers::{for_each_segment as segments, Segment};
pub use topup::{TopUp, TopUpAsk, CIVIL_CODE_944};

use std::collections::BTreeMap;

use crate::money::{Decimal, Rounding};
use rules::{ArrearsRules, Charge, DayCount, PrepaymentRule, RoundingPoints, Tier, UnsoldRule, VacancyRule};

/// A property use's index in the compiled section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UseId(pub u16);

/// A fee item's index in the compiled section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId(pub u16);

/// A compiled property use.
#[derive(Debug, Clone)]
pub struct Use {
    pub key: String,
    pub name: String,
    pub items: Vec<ItemId>,
    /// `carries[item]`: whether this use is billed that item (a lookup, not a search).
    carries: Vec<bool>,
    /// How many of its items bill every period whatever the inputs (area rate, fixed): sizes a quote's lines.
    monthly_items: usize,
    /// Its items decoded for the quote loop, in bill order.
    steps: Vec<Step>,
    pub source: crate::handbook::Source,
}

/// One item of a use as a quote reads it, decoded once when the handbook is compiled: what it charges, its
/// rounding and which discounts apply, without going through the item's document on every quote.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Step {
    pub id: ItemId,
    pub kind: StepKind,
    pub rounding: Rounding,
    pub vacancy_discount: bool,
    pub prepayment_discount: bool,
}

/// What a [`Step`] charges.
#[derive(Debug, Clone, Copy)]
pub(crate) enum StepKind {
    AreaRate {
        rate: Decimal,
        basis: rules::AreaBasis,
    },
    Fixed {
        amount: crate::money::Money,
    },
    /// Metered or tiered: one line per reading of the item.
    Metered,
    /// One line per share of the item.
    Shared,
}

impl Step {
    pub(crate) fn new(id: ItemId, item: &Item) -> Step {
        let kind = match &item.doc.charge {
            Charge::AreaRate { rate, area } => StepKind::AreaRate {
                rate: *rate,
                basis: *area,
            },
            Charge::Fixed { amount } => StepKind::Fixed { amount: *amount },
            Charge::Metered(_) | Charge::Tiered(_) => StepKind::Metered,
            Charge::Shared { .. } => StepKind::Shared,
        };
        Step {
            id,
            kind,
            rounding: item.rounding,
            vacancy_discount: item.doc.vacancy_discount,
            prepayment_discount: item.doc.prepayment_discount,
        }
    }
}

impl Use {
    /// Whether units of this use are billed `item`.
    pub fn carries(&self, item: ItemId) -> bool {
        self.carries.get(usize::from(item.0)).copied().unwrap_or(false)
    }
}

/// A compiled fee item.
#[derive(Debug, Clone)]
pub struct Item {
    pub key: String,
    pub doc: rules::ItemDoc,
    /// The line rounding in force for this item (its own, or the section's).
    pub rounding: Rounding,
    /// Price tiers of a metered (one tier) or tiered item; empty otherwise.
    pub tiers: Vec<Tier>,
    /// The same tiers pre-scaled to integers (the hot path of [`Item::cost`]).
    fast: Option<tiers::FastTiers>,
}

impl Item {
    /// The exact cost of `quantity` from `before` in 64-bit steps, as `(mantissa, scale)`, or `None` when an
    /// input does not fit (then [`Item::cost`] decides). Same value and scale as [`Item::cost`].
    #[inline]
    pub(crate) fn cost_fast(&self, before: Decimal, quantity: Decimal) -> Option<(i64, u32)> {
        if let [only] = self.tiers.as_slice() {
            let scale = only.price.scale() + quantity.scale();
            let m = fast::small(only.price)?.checked_mul(fast::small(quantity)?)?;
            return (scale <= crate::money::MAX_SCALE).then_some((m, scale));
        }
        self.fast.as_ref()?.cost_raw(before, quantity)
    }
}

impl Item {
    /// The exact cost of consuming `quantity` from tier position `before` under this item's tiers.
    #[inline]
    pub fn cost(&self, before: Decimal, quantity: Decimal) -> Result<Decimal, crate::money::MoneyError> {
        if let [only] = self.tiers.as_slice() {
            return only.price.checked_mul(quantity);
        }
        match self.fast.as_ref().and_then(|f| f.cost(before, quantity)) {
            Some(result) => result,
            None => tiers::cost(&self.tiers, before, quantity),
        }
    }

    /// The utility a metered, tiered or shared item measures.
    pub fn utility(&self) -> Option<&str> {
        match &self.doc.charge {
            Charge::Metered(m) => Some(&m.utility),
            Charge::Tiered(t) => Some(&t.utility),
            Charge::Shared { utility, .. } => Some(utility),
            _ => None,
        }
    }

    /// The smallest quantity a top-up sells, for metered and tiered items.
    pub fn step(&self) -> Option<Decimal> {
        match &self.doc.charge {
            Charge::Metered(m) => Some(m.step),
            Charge::Tiered(t) => Some(t.step),
            _ => None,
        }
    }
}

/// The compiled `fees` section: the rules every fee question is answered from.
#[derive(Debug, Clone)]
pub struct Section {
    pub day_count: DayCount,
    /// Where the day-count rule comes from (for [`Section::rules`]).
    pub day_count_source: Option<crate::handbook::Source>,
    pub rounding: RoundingPoints,
    uses: Vec<Use>,
    items: Vec<Item>,
    use_ids: BTreeMap<String, UseId>,
    item_ids: BTreeMap<String, ItemId>,
    pub vacancy: VacancyRule,
    pub prepayment: PrepaymentRule,
    pub unsold: UnsoldRule,
    pub arrears: ArrearsRules,
}

impl Section {
    /// Looks up a property use by its id (`residential`).
    pub fn use_id(&self, key: &str) -> Option<UseId> {
        self.use_ids.get(key).copied()
    }

    /// Looks up a fee item by its id (`property_fee_residential`).
    pub fn item_id(&self, key: &str) -> Option<ItemId> {
        self.item_ids.get(key).copied()
    }

    /// A use by id; `None` for an id from another engine.
    pub fn use_(&self, id: UseId) -> Option<&Use> {
        self.uses.get(usize::from(id.0))
    }

    /// An item by id; `None` for an id from another engine.
    pub fn item(&self, id: ItemId) -> Option<&Item> {
        self.items.get(usize::from(id.0))
    }

    pub fn uses(&self) -> &[Use] {
        &self.uses
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Resolves a use id, with the error a caller gets for an id this engine does not know.
    pub(crate) fn use_or_err(&self, id: UseId) -> Result<&Use, FeeError> {
        self.use_(id).ok_or_else(|| FeeError::UnknownUse(format!("#{}", id.0)))
    }

    pub(crate) fn item_or_err(&self, id: ItemId) -> Result<&Item, FeeError> {
        self.item(id).ok_or_else(|| FeeError::UnknownItem(format!("#{}", id.0)))
    }
}

impl Section {
    /// The section's rules: uses (`fees.use.<id>`), items (`fees.item.<id>`) and the tiers of tiered items
    /// (`fees.item.<id>.tier[<n>]`, from 1), then the day count, rounding, vacancy, prepayment, unsold-unit and
    /// arrears rules (`fees.day_count`, …, `fees.arrears.late_fee`, `fees.arrears.ageing`, `fees.arrears.dunning`).
    /// An assumed item counts toward the clause of the first use that bills it.
    pub fn rules(&self) -> Vec<crate::handbook::Rule> {
        use crate::handbook::Rule;
        let mut rules: Vec<Rule> = self
            .uses
            .iter()
            .map(|u| Rule::new(format!("fees.use.{}", u.key), &u.source, None))
            .collect();
        for (i, item) in self.items.iter().enumerate() {
            let enclosing = self
                .uses
                .iter()
                .find(|u| u.items.iter().any(|x| usize::from(x.0) == i))
                .and_then(|u| u.source.clause());
            let rule = Rule::new(format!("fees.item.{}", item.key), &item.doc.source, enclosing);
            let clause = rule.clause.clone();
            rules.push(rule);
            if matches!(item.doc.charge, Charge::Tiered(_)) {
                for n in 1..=item.tiers.len() {
                    let id = format!("fees.item.{}.tier[{n}]", item.key);
                    rules.push(Rule::new(id, &item.doc.source, clause.as_deref()));
                }
            }
        }
        if let Some(source) = &self.day_count_source {
            rules.push(Rule::new("fees.day_count", source, None));
        }
        rules.push(Rule::new("fees.rounding", &self.rounding.source, None));
        rules.push(Rule::new("fees.vacancy", &self.vacancy.source, None));
        rules.push(Rule::new("fees.prepayment", &self.prepayment.source, None));
        rules.push(Rule::new("fees.unsold", &self.unsold.source, None));
        let a = &self.arrears;
        rules.push(Rule::new("fees.arrears.late_fee", &a.late_fee.source, None));
        rules.push(Rule::new("fees.arrears.ageing", &a.ageing.source, None));
        rules.push(Rule::new("fees.arrears.dunning", &a.dunning.source, None));
        rules
    }
}

#[cfg(test)]
mod tests;
