//! Quoting one unit for one period (计费): the typed hot path the bindings call as their "typed fee quote".

use crate::money::{Decimal, Money, MoneyError, Rounding};
use crate::time::DayNumber;

use super::error::AtPath;
use super::fast;
use super::period::{add_months, Period, Ratio};
use super::rules::{AreaBasis, LateFeeRule};
use super::{FeeError, ItemId, Section, Step, StepKind, UseId};

/// A unit's areas in m² (面积). Building area is always known; the others only when an item needs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// 建筑面积.
    pub building: Decimal,
    /// 套内面积.
    pub indoor: Option<Decimal>,
    /// 专有部分面积.
    pub exclusive: Option<Decimal>,
}

impl Areas {
    pub fn building(m2: Decimal) -> Areas {
        Areas {
            building: m2,
            indoor: None,
            exclusive: None,
        }
    }

    /// The area an item bills on; `None` if the unit does not have that area recorded.
    pub fn get(&self, basis: AreaBasis) -> Option<Decimal> {
        match basis {
            AreaBasis::Building => Some(self.building),
            AreaBasis::Indoor => self.indoor,
            AreaBasis::Exclusive => self.exclusive,
        }
    }

    pub(crate) fn check(&self) -> Result<(), FeeError> {
        let neg = |x: Option<Decimal>| x.is_some_and(Decimal::is_negative);
        if self.building.is_negative() {
            return Err(FeeError::NegativeArea.at("building"));
        }
        if neg(self.indoor) {
            return Err(FeeError::NegativeArea.at("indoor"));
        }
        if neg(self.exclusive) {
            return Err(FeeError::NegativeArea.at("exclusive"));
        }
        Ok(())
    }
}

/// Whether a unit is lived in (入住), vacant since a date (空置), or unsold and held by the developer (未售).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Occupancy {
    #[default]
    Occupied,
    Vacant {
        since: DayNumber,
    },
    Unsold,
}

/// Who a bill goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payer {
    Owner,
    /// The developer (开发建设单位), for unsold units.
    Developer,
}

/// A meter reading for a metered or tiered item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub item: ItemId,
    pub previous: Decimal,
    pub current: Decimal,
    /// Consumption already counted in the tier period before this reading (year-to-date for annual tiers,
    /// month-to-date for monthly ones); it sets the tier position. Zero for flat tariffs.
    pub used_before: Decimal,
}

impl Reading {
    /// The consumption between the two readings; readings going backwards are refused.
    pub fn quantity(&self) -> Result<Decimal, FeeError> {
        if self.current < self.previous {
            return Err(FeeError::ReadingsBackwards {
                previous: self.previous.to_string(),
                current: self.current.to_string(),
            });
        }
        if self.previous.is_negative() || self.used_before.is_negative() {
            return Err(FeeError::NegativeQuantity);
        }
        Ok(self.current.checked_sub(self.previous)?)
    }
}

/// A share of a shared cost (公摊) for a single-unit quote: `pool × weight / total_weight`, rounded at the line.
/// A bill run passes `allocated` instead, the exact largest-remainder share of the whole estate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub item: ItemId,
    pub pool: Money,
    pub weight: Decimal,
    pub total_weight: Decimal,
    pub allocated: Option<Money>,
}

/// One unit and one period to quote. Plain ids, decimals and day numbers, so a C caller can build it.
#[derive(Debug, Clone, Copy)]
pub struct QuoteInput<'a> {
    pub use_id: UseId,
    pub areas: Areas,
    pub occupancy: Occupancy,
    pub period: Period,
    /// The period is paid in advance (the prepayment discount may apply).
    pub prepaid: bool,
    pub readings: &'a [Reading],
    pub shares: &'a [Share],
    /// Overdue principal on which late fees run until `as_of`.
    pub debts: &'a [super::Debt],
    pub as_of: DayNumber,
}

/// What a line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Item(ItemId),
    /// The late fee (滞纳金) on `debts[index]` (a `u32` keeps a line small: a bill run holds ~3 per unit).
    LateFee {
        debt: u32,
    },
}

/// The inputs a line was computed from, kept so it can be explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// rate × area × months × factor.
    AreaRate {
        rate: Decimal,
        area: Decimal,
        basis: AreaBasis,
        months: Ratio,
        factor: Decimal,
    },
    /// amount × months × factor.
    Fixed {
        amount: Money,
        months: Ratio,
        factor: Decimal,
    },
    /// (current − previous) priced by the item's tiers from `used_before` (the quantity is
    /// [`Detail::quantity`]).
    Metered {
        previous: Decimal,
        current: Decimal,
        used_before: Decimal,
    },
    /// pool × weight / total weight (or the allocated share).
    Shared {
        pool: Money,
        weight: Decimal,
        total_weight: Decimal,
        allocated: bool,
    },
    /// principal × daily rate × days, capped.
    LateFee {
        principal: Money,
        due: DayNumber,
        days: i64,
        rate: Decimal,
        capped: bool,
    },
}

impl Detail {
    /// The metered consumption `current − previous`; `None` for other lines.
    pub fn quantity(&self) -> Option<Decimal> {
        match self {
            Detail::Metered { previous, current, .. } => current.checked_sub(*previous).ok(),
            _ => None,
        }
    }
}

impl Detail {
    /// The inputs of a late-fee line under `rule`.
    pub(crate) fn late_fee(rule: &LateFeeRule, principal: Money, due: DayNumber, days: i64, capped: bool) -> Detail {
        Detail::LateFee {
            principal,
            due,
            days,
            rate: rule.daily_rate,
            capped,
        }
    }
}

/// One bill line: what, from which inputs, the exact value (`exact / divisor`) and the rounded amount.
///
/// Kept small (136 bytes): a 100 k-unit bill run holds ~300 k lines, and writing them is most of its memory
/// traffic; so the divisor and the metered quantity are derived from the detail rather than stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    pub detail: Detail,
    pub exact: Decimal,
    pub amount: Money,
}

impl Line {
    /// What `exact` is divided by before rounding: the month count's denominator for a prorated line, the total
    /// weight for a computed share, else 1.
    pub fn divisor(&self) -> Decimal {
        match self.detail {
            Detail::AreaRate { months, .. } | Detail::Fixed { months, .. } => Decimal::from_int(months.den),
            Detail::Shared {
                total_weight,
                allocated: false,
                ..
            } => total_weight,
            _ => Decimal::ONE,
        }
    }
}

/// A unit's quote for a period: lines in the use's item order, then late fees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub lines: Vec<Line>,
    pub total: Money,
    pub payer: Payer,
    /// The unit's use (what [`Quote::omitted`] compares against).
    pub use_id: UseId,
    /// The vacancy discount applied.
    pub vacancy: bool,
    /// The prepayment factor applied, if any.
    pub prepayment: Option<Decimal>,
}

impl Quote {
    /// Items of the unit's use not quoted because no reading or share was given for them (nothing is forgotten
    /// silently: a host shows these as "not billed").
    pub fn omitted(&self, s: &Section) -> Vec<ItemId> {
        let Some(use_) = s.use_(self.use_id) else {
            return Vec::new();
        };
        use_.items
            .iter()
            .copied()
            .filter(|&id| !self.lines.iter().any(|l| l.kind == LineKind::Item(id)))
            .collect()
    }
}

impl Section {
    /// Quotes one unit for one period: every item of its use, discounts, and late fees on its debts.
    ///
    /// ```
    /// use wuye::fees::{Areas, Occupancy, Period, QuoteInput};
    /// use wuye::time::parse_date;
    /// let engine = wuye::Engine::with_default_handbook().unwrap();
    /// let fees = engine.fees();
    /// let january = Period::new(parse_date("2025-01-01").unwrap(), parse_date("2025-01-31").unwrap()).unwrap();
    /// let q = fees.quote(&QuoteInput {
    ///     use_id: fees.use_id("parking").unwrap(),
    ///     areas: Areas::building("12.5".parse().unwrap()),
    ///     occupancy: Occupancy::Occupied,
    ///     period: january,
    ///     prepaid: false,
    ///     readings: &[],
    ///     shares: &[],
    ///     debts: &[],
    ///     as_of: january.to(),
    /// }).unwrap();
    /// assert_eq!(q.total.to_string(), "80.00");
    /// ```
    pub fn quote(&self, input: &QuoteInput) -> Result<Quote, FeeError> {
        let monthly = self.use_(input.use_id).map_or(0, |u| u.monthly_items);
        let mut q = Quote {
            lines: Vec::with_capacity(monthly + input.readings.len() + input.shares.len() + input.debts.len()),
            total: Money::ZERO,
            payer: Payer::Owner,
            use_id: input.use_id,
            vacancy: false,
            prepayment: None,
        };
        self.quote_into(input, &mut q)?;
        Ok(q)
    }

    /// [`Section::quote`] into a reused buffer (its lines are cleared first), for bill runs and hot loops.
    pub fn quote_into(&self, input: &QuoteInput, q: &mut Quote) -> Result<(), FeeError> {
        q.lines.clear();
        q.use_id = input.use_id;
        let use_ = self.use_or_err(input.use_id)?;
        if let Err(e) = input.areas.check() {
            return Err(e.at("areas"));
        }
        // A lookup per input; the error (unknown item, or not billed to this use) is built only on failure.
        for (i, r) in input.readings.iter().enumerate() {
            if !use_.carries(r.item) {
                self.check_input_item(use_, r.item)
                    .at(|| format!("readings[{i}].item"))?;
            }
        }
        for (i, s) in input.shares.iter().enumerate() {
            if !use_.carries(s.item) {
                self.check_input_item(use_, s.item).at(|| format!("shares[{i}].item"))?;
            }
        }
        let in_range = |day| (super::period::FIRST_DAY..=super::period::LAST_DAY).contains(&day);
        if !in_range(input.as_of) {
            return Err(FeeError::DateOutOfRange.at("as_of"));
        }
        for (i, d) in input.debts.iter().enumerate() {
            if !in_range(d.due) {
                return Err(FeeError::DateOutOfRange.at(format!("debts[{i}].due")));
            }
        }
        if let Occupancy::Vacant { since } = input.occupancy {
            if !in_range(since) {
                return Err(FeeError::DateOutOfRange.at("occupancy.since"));
            }
        }
        let months = input.period.months();
        // Discount factors: vacancy (or unsold) on vacancy-discount items, prepayment on prepayment items.
        let mut vacancy_factor = Decimal::ONE;
        q.payer = Payer::Owner;
        q.vacancy = false;
        match input.occupancy {
            Occupancy::Vacant { since } if add_months(since, self.vacancy.after_months) <= input.period.from() => {
                vacancy_factor = self.vacancy.factor;
                q.vacancy = true;
            }
            Occupancy::Unsold => {
                vacancy_factor = self.unsold.factor;
                q.payer = Payer::Developer;
            }
            _ => {}
        }
        let vacancy = (vacancy_factor != Decimal::ONE).then_some(vacancy_factor);
        q.prepayment = None;
        if input.prepaid {
            q.prepayment = self
                .prepayment
                .tiers
                .iter()
                .find(|t| months.at_least(t.min_months))
                .map(|t| t.factor);
        }
        let prepayment = q.prepayment;
        // The factor of an area-rate or fixed line: 1, the vacancy factor, the prepayment factor, or both.
        // Both apply only to a prepaid vacant unit: their product is computed once, and only then.
        let both = match (vacancy, prepayment) {
            (Some(v), Some(p)) => Some(v.checked_mul(p)),
            _ => None,
        };
        let factor_of = |step: &Step| -> Result<Decimal, MoneyError> {
            match (
                vacancy.filter(|_| step.vacancy_discount),
                prepayment.filter(|_| step.prepayment_discount),
            ) {
                (None, None) => Ok(Decimal::ONE),
                (Some(v), None) => Ok(v),
                (None, Some(p)) => Ok(p),
                (Some(_), Some(_)) => match &both {
                    Some(Ok(f)) => Ok(*f),
                    Some(Err(e)) => Err(e.clone()),
                    None => Ok(Decimal::ONE),
                },
            }
        };
        // The running total; `None` once it overflows (reported after every line is computed, as a sum would).
        let mut total = Some(Money::ZERO);
        for step in &use_.steps {
            let id = step.id;
            match step.kind {
                StepKind::AreaRate { rate, basis } => {
                    let factor = factor_of(step)?;
                    let Some(a) = input.areas.get(basis) else {
                        return Err(self.missing_area(basis, id));
                    };
                    let plain = factor == Decimal::ONE;
                    let line = match fast::area_rate(rate, a, (!plain).then_some(factor), months, step.rounding) {
                        Some(line) => line,
                        None => {
                            let mut base = rate.checked_mul(a)?;
                            if !plain {
                                base = base.checked_mul(factor)?;
                            }
                            prorated(base, months, step.rounding)?
                        }
                    };
                    let detail = Detail::AreaRate {
                        rate,
                        area: a,
                        basis,
                        months,
                        factor,
                    };
                    total = push(q, total, LineKind::Item(id), detail, line);
                }
                StepKind::Fixed { amount } => {
                    let factor = factor_of(step)?;
                    let plain = factor == Decimal::ONE;
                    let line = match fast::fixed(amount, (!plain).then_some(factor), months, step.rounding) {
                        Some(line) => line,
                        None => {
                            let mut base = amount.to_decimal();
                            if !plain {
                                base = base.checked_mul(factor)?;
                            }
                            prorated(base, months, step.rounding)?
                        }
                    };
                    let detail = Detail::Fixed { amount, months, factor };
                    total = push(q, total, LineKind::Item(id), detail, line);
                }
                StepKind::Metered => {
                    for (i, r) in input.readings.iter().enumerate() {
                        if r.item != id {
                            continue;
                        }
                        let item = self.item_or_err(id)?;
                        let fast = fast::quantity(r.previous, r.current, r.used_before)
                            .and_then(|quantity| item.cost_fast(r.used_before, quantity))
                            .and_then(|(m, scale)| {
                                let amount = fast::to_money(m, 1, scale, step.rounding)?;
                                Some((Decimal::from_parts(m.into(), scale)?, amount))
                            });
                        let (exact, amount) = match fast {
                            Some(line) => line,
                            None => metered_line(item, r).at(|| format!("readings[{i}]"))?,
                        };
                        let detail = Detail::Metered {
                            previous: r.previous,
                            current: r.current,
                            used_before: r.used_before,
                        };
                        total = push(q, total, LineKind::Item(id), detail, (exact, Decimal::ONE, amount));
                    }
                }
                StepKind::Shared => {
                    for (i, s) in input.shares.iter().enumerate() {
                        if s.item != id {
                            continue;
                        }
                        let line = share_line(s, step.rounding).at(|| format!("shares[{i}]"))?;
                        let detail = Detail::Shared {
                            pool: s.pool,
                            weight: s.weight,
                            total_weight: s.total_weight,
                            allocated: s.allocated.is_some(),
                        };
                        total = push(q, total, LineKind::Item(id), detail, line);
                    }
                }
            }
        }
        for (i, debt) in input.debts.iter().enumerate() {
            let lf = late_fee(
                &self.arrears.late_fee,
                self.rounding.late_fee,
                debt.principal,
                debt.due,
                input.as_of,
            )
            .at(|| format!("debts[{i}]"))?;
            if let Some((detail, exact, amount)) = lf {
                let kind = LineKind::LateFee {
                    debt: u32::try_from(i).unwrap_or(u32::MAX),
                };
                total = push(q, total, kind, detail, (exact, Decimal::ONE, amount));
            }
        }
        q.total = match total {
            Some(total) => total,
            None => return Err(MoneyError::Overflow.into()),
        };
        Ok(())
    }

    #[cold]
    fn missing_area(&self, basis: AreaBasis, id: ItemId) -> FeeError {
        let key = self.item(id).map(|it| it.key.clone()).unwrap_or_default();
        FeeError::MissingArea(area_name(basis), key).at("areas")
    }

    fn check_input_item(&self, use_: &super::Use, item: ItemId) -> Result<(), FeeError> {
        let it = self.item_or_err(item)?;
        if !use_.carries(item) {
            return Err(FeeError::ItemNotForUse {
                item: it.key.clone(),
                use_: use_.key.clone(),
            });
        }
        Ok(())
    }
}

pub(crate) fn area_name(b: AreaBasis) -> &'static str {
    match b {
        AreaBasis::Building => "building",
        AreaBasis::Indoor => "indoor",
        AreaBasis::Exclusive => "exclusive",
    }
}

/// Adds a line (its divisor is implied by the detail, see [`Line::divisor`]) and returns the running total.
#[inline]
fn push(
    q: &mut Quote,
    total: Option<Money>,
    kind: LineKind,
    detail: Detail,
    (exact, _divisor, amount): (Decimal, Decimal, Money),
) -> Option<Money> {
    q.lines.push(Line {
        kind,
        detail,
        exact,
        amount,
    });
    total?.checked_add(amount).ok()
}

/// A metered or tiered line by the general decimal path: the exact cost and its rounded amount.
fn metered_line(item: &super::Item, r: &Reading) -> Result<(Decimal, Money), FeeError> {
    let quantity = r.quantity()?;
    let exact = item.cost(r.used_before, quantity)?;
    Ok((exact, exact.to_money(item.rounding)?))
}

/// `base × months`, rounded once: the exact value is `(base × num) / den`.
#[inline]
fn prorated(base: Decimal, months: Ratio, rounding: Rounding) -> Result<(Decimal, Decimal, Money), MoneyError> {
    let amount = base.mul_ratio_to_money(i128::from(months.num), i128::from(months.den), rounding)?;
    let exact = base.checked_mul(Decimal::from_int(months.num))?;
    Ok((exact, Decimal::from_int(months.den), amount))
}

#[inline]
fn share_line(s: &Share, rounding: Rounding) -> Result<(Decimal, Decimal, Money), FeeError> {
    if s.weight.is_negative() || !s.total_weight.is_positive() || s.weight > s.total_weight || s.pool.is_negative() {
        return Err(FeeError::InvalidShare);
    }
    if let Some(a) = s.allocated {
        return Ok((a.to_decimal(), Decimal::ONE, a));
    }
    if let Some(line) = fast::share(s.pool, s.weight, s.total_weight, rounding) {
        return Ok(line);
    }
    let exact = s.pool.to_decimal().checked_mul(s.weight)?;
    let amount = exact.div_to_money(s.total_weight, rounding)?;
    Ok((exact, s.total_weight, amount))
}

/// The late fee on `principal` due on `due`, as of `as_of`: `principal × rate × days` with
/// `days = as_of − due − grace` (none while within grace), capped at `cap_ratio × principal`.
#[inline]
pub(crate) fn late_fee(
    rule: &LateFeeRule,
    rounding: Rounding,
    principal: Money,
    due: DayNumber,
    as_of: DayNumber,
) -> Result<Option<(Detail, Decimal, Money)>, FeeError> {
    if principal.is_negative() {
        return Err(FeeError::NegativeAmount.at("principal"));
    }
    let days = i64::from(as_of) - i64::from(due) - i64::from(rule.grace_days);
    if days <= 0 || principal == Money::ZERO || rule.daily_rate.is_zero() {
        return Ok(None);
    }
    if let Some(line) = fast::late_fee_line(rule, rounding, principal, due, days) {
        return Ok(Some(line));
    }
    let (exact, capped) = accrue(rule, principal, days)?;
    let amount = exact.to_money(rounding)?;
    Ok(Some((
        Detail::late_fee(rule, principal, due, days, capped),
        exact,
        amount,
    )))
}

/// Simple interest `principal × rate × days`, and whether the cap cut it.
pub(crate) fn accrue(rule: &LateFeeRule, principal: Money, days: i64) -> Result<(Decimal, bool), MoneyError> {
    let exact = principal
        .to_decimal()
        .checked_mul(rule.daily_rate)?
        .checked_mul(Decimal::from_int(days))?;
    cap(rule, principal, exact)
}

/// Applies the cap (`cap_ratio × principal`) to an accrued late fee.
pub(crate) fn cap(rule: &LateFeeRule, principal: Money, exact: Decimal) -> Result<(Decimal, bool), MoneyError> {
    if let Some(ratio) = rule.cap_ratio {
        let limit = principal.to_decimal().checked_mul(ratio)?;
        if exact > limit {
            return Ok((limit, true));
        }
    }
    Ok((exact, false))
}
