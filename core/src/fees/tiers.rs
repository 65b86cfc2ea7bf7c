//! Tiered (阶梯) pricing: the cost of a quantity from a position in the tier period, and its inverse (how much a
//! budget buys). A flat tariff is one unbounded tier.

use crate::money::{Decimal, MoneyError};

use super::rules::Tier;

/// One stretch of consumption inside one tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub tier: usize,
    pub quantity: Decimal,
    pub price: Decimal,
}

/// Calls `f` for each tier segment of consuming `quantity` from position `before` (both ≥ 0).
pub fn for_each_segment(
    tiers: &[Tier],
    before: Decimal,
    quantity: Decimal,
    mut f: impl FnMut(Segment) -> Result<(), MoneyError>,
) -> Result<(), MoneyError> {
    let mut pos = before;
    let mut left = quantity;
    for (i, t) in tiers.iter().enumerate() {
        if !left.is_positive() {
            break;
        }
        let take = match t.up_to {
            Some(bound) if pos >= bound => continue,
            Some(bound) => left.min(bound.checked_sub(pos)?),
            None => left,
        };
        f(Segment {
            tier: i,
            quantity: take,
            price: t.price,
        })?;
        pos = pos.checked_add(take)?;
        left = left.checked_sub(take)?;
    }
    Ok(())
}

/// The exact cost of consuming `quantity` from position `before`.
#[inline]
pub fn cost(tiers: &[Tier], before: Decimal, quantity: Decimal) -> Result<Decimal, MoneyError> {
    if let [only] = tiers {
        return only.price.checked_mul(quantity);
    }
    let mut total = Decimal::ZERO;
    for_each_segment(tiers, before, quantity, |s| {
        total = total.checked_add(s.quantity.checked_mul(s.price)?)?;
        Ok(())
    })?;
    Ok(total)
}

/// The largest multiple of `step` whose exact cost from `before` is within `budget` (prices are positive).
pub fn quantity_for(tiers: &[Tier], before: Decimal, budget: Decimal, step: Decimal) -> Result<Decimal, MoneyError> {
    let mut pos = before;
    let mut bought = Decimal::ZERO;
    let mut left = budget;
    for t in tiers {
        if let Some(bound) = t.up_to {
            if pos >= bound {
                continue;
            }
            let room = bound.checked_sub(pos)?;
            let whole = room.checked_mul(t.price)?;
            if whole <= left {
                left = left.checked_sub(whole)?;
                bought = bought.checked_add(room)?;
                pos = bound;
                continue;
            }
        }
        // The budget runs out in this tier: bought + left/price, floored to a multiple of step.
        let numer = bought.checked_mul(t.price)?.checked_add(left)?;
        let k = numer.div_floor(t.price.checked_mul(step)?, 0)?;
        return k.checked_mul(step);
    }
    // Every tier was bounded and the budget outlasted them (a handbook without an open last tier).
    let k = bought.div_floor(step, 0)?;
    k.checked_mul(step)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn zhejiang() -> Vec<Tier> {
        vec![
            Tier {
                up_to: Some(d("2760")),
                price: d("0.538"),
            },
            Tier {
                up_to: Some(d("4800")),
                price: d("0.588"),
            },
            Tier {
                up_to: None,
                price: d("0.838"),
            },
        ]
    }

    #[test]
    fn five_thousand_kwh_a_year_cost_2852() {
        assert_eq!(cost(&zhejiang(), Decimal::ZERO, d("5000")).unwrap(), d("2852.00"));
        // The same year billed in two readings costs the same.
        let a = cost(&zhejiang(), Decimal::ZERO, d("2700")).unwrap();
        let b = cost(&zhejiang(), d("2700"), d("2300")).unwrap();
        assert_eq!(a.checked_add(b).unwrap(), d("2852"));
    }

    #[test]
    fn a_budget_buys_whole_steps_across_tiers() {
        // From 2700 kWh: 60 kWh at 0.538 = 32.28, then 0.588 per kWh.
        let q = quantity_for(&zhejiang(), d("2700"), d("100"), d("1")).unwrap();
        assert_eq!(q, d("175")); // 32.28 + 115 × 0.588 = 99.90; one more would be 100.488
        assert!(cost(&zhejiang(), d("2700"), q).unwrap() <= d("100"));
        assert!(cost(&zhejiang(), d("2700"), d("176")).unwrap() > d("100"));
        let q = quantity_for(&zhejiang(), Decimal::ZERO, d("100"), d("0.01")).unwrap();
        assert_eq!(q, d("185.87"));
    }
}
