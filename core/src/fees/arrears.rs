//! Arrears (欠费): payments allocated to open charges, late fees per day, ageing buckets and the dunning stage.

use crate::money::{Decimal, Money};
use crate::time::DayNumber;

use super::error::AtPath;
use super::quote::cap;
use super::rules::Allocation;
use super::{FeeError, Section};

/// An amount owed since its due date (an open charge, or a debt a quote charges a late fee on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Debt {
    pub principal: Money,
    pub due: DayNumber,
}

/// An open charge of an account is a debt with a due date.
pub type OpenCharge = Debt;

/// A payment received on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    pub amount: Money,
    pub on: DayNumber,
}

/// One charge after allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChargeStatus {
    pub paid: Money,
    pub outstanding: Money,
    /// Days past the due date at `as_of` (negative: not yet due).
    pub days_overdue: i64,
    /// Days the late fee ran: after the grace days, while some principal was outstanding.
    pub late_fee_days: i64,
    pub late_fee_exact: Decimal,
    pub late_fee: Money,
    pub capped: bool,
    /// Ageing bucket of the outstanding principal; `None` when settled or not yet due.
    pub bucket: Option<usize>,
}

/// An account's arrears at a date (账龄分析).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountStatement {
    pub charges: Vec<ChargeStatus>,
    pub outstanding: Money,
    pub late_fees: Money,
    /// Payment left over after every charge is settled (a credit).
    pub unapplied: Money,
    /// Outstanding principal not yet due.
    pub not_due: Money,
    /// Outstanding overdue principal per ageing bucket.
    pub buckets: Vec<Money>,
    /// Index of the dunning stage reached, if any.
    pub stage: Option<usize>,
    /// The handbook's daily rate exceeds its configured legal ceiling.
    pub exceeds_legal_ceiling: bool,
}

impl Section {
    /// Allocates `payments` (in date order) to `charges` by the handbook's order (oldest due first by default),
    /// then accrues each charge's late fee on its outstanding principal day by day in closed form (simple
    /// interest from due date + grace days to each payment and to `as_of`), capped, and ages what is left.
    pub fn arrears(
        &self,
        charges: &[OpenCharge],
        payments: &[Payment],
        as_of: DayNumber,
    ) -> Result<AccountStatement, FeeError> {
        let rule = &self.arrears.late_fee;
        super::period::check_day(as_of).at(|| "as_of".into())?;
        for (i, c) in charges.iter().enumerate() {
            super::period::check_day(c.due).at(|| format!("charges[{i}].due"))?;
            if c.principal.is_negative() {
                return Err(FeeError::NegativeAmount.at(format!("charges[{i}].principal")));
            }
        }
        for (i, p) in payments.iter().enumerate() {
            super::period::check_day(p.on).at(|| format!("payments[{i}].on"))?;
            if p.amount.is_negative() {
                return Err(FeeError::NegativeAmount.at(format!("payments[{i}].amount")));
            }
            if p.on > as_of {
                return Err(FeeError::PaymentAfterAsOf.at(format!("payments[{i}].on")));
            }
        }
        let mut order: Vec<usize> = (0..charges.len()).collect();
        match self.arrears.allocation {
            Allocation::OldestFirst => order.sort_by_key(|&i| (charges[i].due, i)),
            Allocation::NewestFirst => order.sort_by_key(|&i| (std::cmp::Reverse(charges[i].due), i)),
        }
        let mut pays: Vec<usize> = (0..payments.len()).collect();
        pays.sort_by_key(|&i| (payments[i].on, i));
        // Applications per charge, in payment-date order: (date, amount).
        let mut applied: Vec<Vec<(DayNumber, Money)>> = vec![Vec::new(); charges.len()];
        let mut left: Vec<Money> = charges.iter().map(|c| c.principal).collect();
        let mut unapplied = Money::ZERO;
        for &p in &pays {
            let mut amount = payments[p].amount;
            for &c in &order {
                if amount == Money::ZERO {
                    break;
                }
                let take = amount.min(left[c]);
                if take > Money::ZERO {
                    left[c] = left[c].checked_sub(take)?;
                    amount = amount.checked_sub(take)?;
                    applied[c].push((payments[p].on, take));
                }
            }
            unapplied = unapplied.checked_add(amount)?;
        }
        let n_buckets = self.arrears.ageing.buckets.len();
        let mut st = AccountStatement {
            charges: Vec::with_capacity(charges.len()),
            outstanding: Money::ZERO,
            late_fees: Money::ZERO,
            unapplied,
            not_due: Money::ZERO,
            buckets: vec![Money::ZERO; n_buckets],
            stage: None,
            exceeds_legal_ceiling: rule.daily_rate > rule.legal_ceiling_daily_rate,
        };
        let mut oldest: Option<i64> = None;
        for (i, c) in charges.iter().enumerate() {
            let start = i64::from(c.due) + i64::from(rule.grace_days);
            let end = i64::from(as_of);
            let mut p = c.principal;
            let mut cursor = start;
            let mut exact = Decimal::ZERO;
            let mut fee_days = 0i64;
            let mut accrue = |p: Money, from: i64, to: i64| -> Result<(), FeeError> {
                if to > from && p > Money::ZERO {
                    fee_days += to - from;
                    let part = p
                        .to_decimal()
                        .checked_mul(rule.daily_rate)?
                        .checked_mul(Decimal::from_int(to - from))?;
                    exact = exact.checked_add(part)?;
                }
                Ok(())
            };
            for &(on, amount) in &applied[i] {
                let on = i64::from(on);
                if on > cursor {
                    accrue(p, cursor, on).at(|| format!("charges[{i}]"))?;
                    cursor = on;
                }
                p = p.checked_sub(amount)?;
            }
            accrue(p, cursor, end).at(|| format!("charges[{i}]"))?;
            let (exact, capped) = cap(rule, c.principal, exact)?;
            let late_fee = exact.to_money(self.rounding.late_fee)?;
            let days_overdue = end - i64::from(c.due);
            let outstanding = left[i];
            let bucket = if outstanding > Money::ZERO && days_overdue >= 0 {
                oldest = Some(oldest.map_or(days_overdue, |o: i64| o.max(days_overdue)));
                let b = self
                    .arrears
                    .ageing
                    .buckets
                    .iter()
                    .position(|b| b.up_to_days.is_none_or(|u| days_overdue <= i64::from(u)))
                    .unwrap_or(n_buckets.saturating_sub(1));
                if let Some(slot) = st.buckets.get_mut(b) {
                    *slot = slot.checked_add(outstanding)?;
                }
                Some(b)
            } else {
                if outstanding > Money::ZERO {
                    st.not_due = st.not_due.checked_add(outstanding)?;
                }
                None
            };
            st.outstanding = st.outstanding.checked_add(outstanding)?;
            st.late_fees = st.late_fees.checked_add(late_fee)?;
            st.charges.push(ChargeStatus {
                paid: c.principal.checked_sub(outstanding)?,
                outstanding,
                days_overdue,
                late_fee_days: fee_days,
                late_fee_exact: exact,
                late_fee,
                capped,
                bucket,
            });
        }
        if let Some(days) = oldest {
            st.stage = self
                .arrears
                .dunning
                .stages
                .iter()
                .rposition(|s| i64::from(s.after_days) <= days);
        }
        Ok(st)
    }
}
