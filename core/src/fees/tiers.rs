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

/// A tier table pre-scaled to integers at compile time (bounds at one quantity scale, prices at one price
/// scale), so the usual cost — quantities with no more places than the bounds — is a few 64-bit steps with
/// 128-bit products.
#[derive(Debug, Clone, Default)]
pub struct FastTiers {
    qscale: u32,
    pscale: u32,
    /// `(bound, price)` per tier; the open last tier has bound `i64::MAX`.
    tiers: Vec<(i64, i64)>,
}

impl FastTiers {
    /// Pre-scales `tiers`; `None` if a value does not fit 64 bits (the exact general path is used instead).
    pub fn new(tiers: &[Tier]) -> Option<FastTiers> {
        let qscale = tiers
            .iter()
            .filter_map(|t| t.up_to)
            .map(Decimal::scale)
            .max()
            .unwrap_or(0);
        let pscale = tiers.iter().map(|t| t.price.scale()).max().unwrap_or(0);
        if qscale + pscale > crate::money::MAX_SCALE {
            return None;
        }
        let mut out = Vec::with_capacity(tiers.len());
        for t in tiers {
            let bound = match t.up_to {
                Some(b) => i64::try_from(b.rescale_exact(qscale).ok()?.mantissa()).ok()?,
                None => i64::MAX,
            };
            let price = i64::try_from(t.price.rescale_exact(pscale).ok()?.mantissa()).ok()?;
            out.push((bound, price));
        }
        Some(FastTiers {
            qscale,
            pscale,
            tiers: out,
        })
    }

    /// A quantity at the bounds' scale, if it has no more places and fits 64 bits.
    #[inline]
    fn up(&self, d: Decimal) -> Option<i64> {
        let m = i64::try_from(d.mantissa()).ok()?;
        match self.qscale.checked_sub(d.scale())? {
            0 => Some(m),
            n => m.checked_mul(10i64.checked_pow(n)?),
        }
    }

    /// The exact cost, or `None` when the inputs need more places than the bounds or leave 64 bits (use
    /// [`cost`]).
    #[inline]
    pub fn cost(&self, before: Decimal, quantity: Decimal) -> Option<Result<Decimal, MoneyError>> {
        let (m, scale) = self.cost_raw(before, quantity)?;
        Some(Decimal::new(m.into(), scale))
    }

    /// [`FastTiers::cost`] as `(mantissa, scale)`.
    #[inline]
    pub fn cost_raw(&self, before: Decimal, quantity: Decimal) -> Option<(i64, u32)> {
        let (mut pos, mut left) = (self.up(before)?, self.up(quantity)?);
        if self.tiers.is_empty() {
            return None;
        }
        let mut total: i64 = 0;
        for &(bound, price) in &self.tiers {
            if left <= 0 {
                break;
            }
            if pos >= bound {
                continue;
            }
            let take = left.min(bound.checked_sub(pos)?);
            total = total.checked_add(take.checked_mul(price)?)?;
            pos = pos.checked_add(take)?;
            left -= take;
        }
        // `new` checked qscale + pscale ≤ MAX_SCALE.
        Some((total, self.qscale + self.pscale))
    }
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
    fn the_integer_fast_path_agrees_with_the_general_one() {
        let fast = FastTiers::new(&zhejiang()).unwrap();
        for (before, q) in [
            ("0", "5000"),
            ("2700", "175"),
            ("4800", "1"),
            ("2759", "2"),
            ("0", "0"),
            ("9000", "12"),
        ] {
            let (b, q) = (d(before), d(q));
            assert_eq!(
                fast.cost(b, q).unwrap().unwrap(),
                cost(&zhejiang(), b, q).unwrap(),
                "{before} + {q}"
            );
        }
        // Quantities finer than the bounds take the general path.
        assert!(fast.cost(d("0"), d("1.5")).is_none());
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
