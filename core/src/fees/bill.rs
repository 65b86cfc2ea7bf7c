//! Bill runs (批量出账): many units, one period, shared pools apportioned exactly, bills in unit-id order.

use crate::money::{apportion, Decimal, Money, MoneyError};
use crate::time::DayNumber;

use super::error::AtPath;
use super::quote::{Areas, Occupancy, Quote, QuoteInput, Reading, Share};
use super::rules::{Charge, ShareBasis};
use super::{Debt, FeeError, ItemId, Period, Section, UseId};

/// One pool split over its eligible units: `slot[unit]` indexes `shares`/`weights` (`u32::MAX`: not eligible).
struct Allocation {
    slot: Vec<u32>,
    shares: Vec<Money>,
    weights: Vec<Decimal>,
    total: Decimal,
}

/// One unit of a bill run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRecord {
    pub id: String,
    pub use_id: UseId,
    pub areas: Areas,
    pub occupancy: Occupancy,
    pub readings: Vec<Reading>,
    pub debts: Vec<Debt>,
}

/// A shared meter's cost for the period (公摊总额), apportioned over the units whose use carries `item`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pool {
    pub item: ItemId,
    pub amount: Money,
}

/// A bill run: every unit billed for the same period.
#[derive(Debug, Clone, Copy)]
pub struct BillRun<'a> {
    pub period: Period,
    pub as_of: DayNumber,
    pub prepaid: bool,
    pub units: &'a [UnitRecord],
    pub pools: &'a [Pool],
}

/// One unit's bill: `unit` indexes the run's `units`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bill {
    pub unit: usize,
    pub quote: Quote,
}

impl Section {
    /// Bills every unit of the run, in unit-id order (deterministic whatever the input order). Each pool is
    /// apportioned by its item's basis with the largest-remainder method over the eligible units in id order,
    /// so the shares sum exactly to the pool. Any refused unit refuses the run (with its path).
    pub fn bill_run(&self, run: &BillRun) -> Result<Vec<Bill>, FeeError> {
        let n = run.units.len();
        let mut order: Vec<usize> = (0..n).collect();
        // Hosts usually send units already in id order: check that in one pass before sorting.
        if !run.units.windows(2).all(|w| w[0].id <= w[1].id) {
            order.sort_unstable_by(|&a, &b| run.units[a].id.cmp(&run.units[b].id));
        }
        for w in order.windows(2) {
            if run.units[w[0]].id == run.units[w[1]].id {
                return Err(FeeError::DuplicateUnit(run.units[w[1]].id.clone()).at(format!("units[{}].id", w[1])));
            }
        }
        let mut allocations: Vec<Allocation> = Vec::with_capacity(run.pools.len());
        for (pi, pool) in run.pools.iter().enumerate() {
            allocations.push(self.allocate(run, &order, pool).at(|| format!("pools[{pi}]"))?);
        }
        let mut bills = Vec::with_capacity(n);
        let mut shares: Vec<Share> = Vec::new();
        for &u in &order {
            let unit = &run.units[u];
            shares.clear();
            for (pool, alloc) in run.pools.iter().zip(&allocations) {
                let k = alloc.slot.get(u).map_or(usize::MAX, |&k| k as usize);
                if let (Some(&amount), Some(&weight)) = (alloc.shares.get(k), alloc.weights.get(k)) {
                    shares.push(Share {
                        item: pool.item,
                        pool: pool.amount,
                        weight,
                        total_weight: alloc.total,
                        allocated: Some(amount),
                    });
                }
            }
            let input = QuoteInput {
                use_id: unit.use_id,
                areas: unit.areas,
                occupancy: unit.occupancy,
                period: run.period,
                prepaid: run.prepaid,
                readings: &unit.readings,
                shares: &shares,
                debts: &unit.debts,
                as_of: run.as_of,
            };
            let quote = self.quote(&input).at(|| format!("units[{u}]"))?;
            bills.push(Bill { unit: u, quote });
        }
        Ok(bills)
    }

    /// Splits one pool over the units carrying its item: `(share, weight, total weight)` per unit index.
    fn allocate(&self, run: &BillRun, order: &[usize], pool: &Pool) -> Result<Allocation, FeeError> {
        let item = self.item_or_err(pool.item).at(|| "item".into())?;
        let Charge::Shared { utility, basis } = &item.doc.charge else {
            return Err(FeeError::WrongItemKind(item.key.clone()).at("item"));
        };
        if pool.amount.is_negative() {
            return Err(FeeError::NegativeAmount.at("amount"));
        }
        let mut slot = vec![u32::MAX; run.units.len()];
        let mut weights = Vec::new();
        for &u in order {
            let unit = &run.units[u];
            let use_ = self.use_or_err(unit.use_id).at(|| format!("units[{u}].use"))?;
            if !use_.carries(pool.item) {
                continue;
            }
            let w = match basis {
                ShareBasis::Household => Decimal::ONE,
                ShareBasis::Area(b) => {
                    unit.areas.check().at(|| format!("units[{u}].areas"))?;
                    unit.areas.get(*b).ok_or_else(|| {
                        FeeError::MissingArea(super::quote::area_name(*b), item.key.clone())
                            .at(format!("units[{u}].areas"))
                    })?
                }
                ShareBasis::Consumption => {
                    let mut sum = Decimal::ZERO;
                    for (j, r) in unit.readings.iter().enumerate() {
                        let same = self.item(r.item).and_then(|i| i.utility()) == Some(utility.as_str());
                        if same {
                            sum = sum.checked_add(r.quantity().at(|| format!("units[{u}].readings[{j}]"))?)?;
                        }
                    }
                    sum
                }
            };
            if let Some(x) = slot.get_mut(u) {
                *x = u32::try_from(weights.len()).map_err(|_| MoneyError::Overflow)?;
            }
            weights.push(w);
        }
        let total = weights.iter().try_fold(Decimal::ZERO, |a, w| a.checked_add(*w))?;
        if !total.is_positive() {
            return Err(FeeError::EmptyPool(item.key.clone()));
        }
        let shares = apportion(pool.amount, &weights)?;
        Ok(Allocation {
            slot,
            shares,
            weights,
            total,
        })
    }
}
