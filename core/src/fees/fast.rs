//! The quote's integer fast path: each bill line's exact value and rounded amount computed with 64-bit mantissas
//! and 128-bit products, when every operand fits (the usual case: rates, areas, readings and amounts of a few
//! digits). Each function gives the same exact value (same mantissa and scale) and the same amount as the general
//! [`Decimal`] arithmetic, or `None` when an operand does not fit; the caller then takes the general path, which
//! answers the same or refuses with its own error. So the fast path can change speed, never an answer.

use crate::money::{Decimal, Mode, Money, Rounding, MAX_SCALE};

use super::period::Ratio;
use super::rules::LateFeeRule;
use super::Detail;

/// A line's exact value, its divisor and its rounded amount (`exact / divisor` rounded).
pub(super) type LineValue = (Decimal, Decimal, Money);

/// Powers of ten that fit an `i64` (10^0 … 10^18).
const POW10: [i64; 19] = {
    let mut t = [1i64; 19];
    let mut i = 1;
    while i < 19 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

#[inline]
fn pow10(n: u32) -> Option<i64> {
    POW10.get(n as usize).copied()
}

/// The mantissa of `d`, if it fits 64 bits.
#[inline]
pub(super) fn small(d: Decimal) -> Option<i64> {
    i64::try_from(d.mantissa()).ok()
}

/// A decimal from a mantissa and a scale already known to be at most [`MAX_SCALE`].
#[inline]
fn dec(mantissa: i128, scale: u32) -> Option<Decimal> {
    Decimal::from_parts(mantissa, scale)
}

/// `n / d` rounded to an integer by `mode`, for `d > 0` (what `money::round_ratio` does, in 64 bits).
#[inline]
fn round_div(n: i64, d: i64, mode: Mode) -> i64 {
    let (q, r) = (n / d, n % d);
    if r == 0 {
        return q;
    }
    let (ra, rest) = (r.unsigned_abs(), d.unsigned_abs() - r.unsigned_abs());
    let bump = match mode {
        Mode::Down => false,
        Mode::Up => true,
        Mode::HalfUp => ra >= rest,
        Mode::HalfEven => ra > rest || (ra == rest && q % 2 != 0),
    };
    // |q| < |n| ≤ i64::MAX when d ≥ 2 (d = 1 leaves no remainder), so a step away from zero cannot overflow.
    match (bump, n < 0) {
        (false, _) => q,
        (true, true) => q - 1,
        (true, false) => q + 1,
    }
}

/// `n × 10^-scale / den` rounded to money by `rounding` (`den > 0`): `Decimal::ratio_to_money` in 64 bits.
#[inline]
pub(super) fn to_money(n: i64, den: i64, scale: u32, rounding: Rounding) -> Option<Money> {
    let keep = rounding.to.scale();
    let (n, d) = if scale >= keep {
        (n, den.checked_mul(pow10(scale - keep)?)?)
    } else {
        (n.checked_mul(pow10(keep - scale)?)?, den)
    };
    if d <= 0 {
        return None;
    }
    round_div(n, d, rounding.mode)
        .checked_mul(rounding.to.fen())
        .map(Money::from_fen)
}

/// `base × months` for a rate × area (× factor) line: `rate × area × factor × num / den`, rounded once.
#[inline]
pub(super) fn area_rate(
    rate: Decimal,
    area: Decimal,
    factor: Option<Decimal>,
    months: Ratio,
    rounding: Rounding,
) -> Option<LineValue> {
    let mut base = small(rate)?.checked_mul(small(area)?)?;
    let mut scale = rate.scale() + area.scale();
    if let Some(f) = factor {
        base = base.checked_mul(small(f)?)?;
        scale += f.scale();
    }
    prorated(base, scale, months, rounding)
}

/// `amount × months` (× factor) for a fixed line.
#[inline]
pub(super) fn fixed(amount: Money, factor: Option<Decimal>, months: Ratio, rounding: Rounding) -> Option<LineValue> {
    let mut base = amount.fen();
    let mut scale = 2;
    if let Some(f) = factor {
        base = base.checked_mul(small(f)?)?;
        scale += f.scale();
    }
    prorated(base, scale, months, rounding)
}

/// `base × 10^-scale × num / den`: exact `base × num` over `den`, rounded once.
#[inline]
fn prorated(base: i64, scale: u32, months: Ratio, rounding: Rounding) -> Option<LineValue> {
    // Scales only grow along a product, so the final one bounds every intermediate one the general path checks.
    if scale > MAX_SCALE {
        return None;
    }
    let exact = base.checked_mul(months.num)?;
    let amount = to_money(exact, months.den, scale, rounding)?;
    Some((dec(exact.into(), scale)?, Decimal::from_int(months.den), amount))
}

/// The consumption between two readings of the same scale, if valid (`None` also for an invalid pair: the
/// general path then gives its error).
#[inline]
pub(super) fn quantity(previous: Decimal, current: Decimal, used_before: Decimal) -> Option<Decimal> {
    if previous.scale() != current.scale() {
        return None;
    }
    let (p, c) = (small(previous)?, small(current)?);
    if c < p || p < 0 || used_before.is_negative() {
        return None;
    }
    dec(i128::from(c - p), current.scale())
}

/// `pool × weight / total_weight` for a share with no allocated amount, after the caller's validity checks.
#[inline]
pub(super) fn share(pool: Money, weight: Decimal, total_weight: Decimal, rounding: Rounding) -> Option<LineValue> {
    let scale = 2 + weight.scale();
    if scale > MAX_SCALE {
        return None;
    }
    let exact = pool.fen().checked_mul(small(weight)?)?;
    let tw = small(total_weight)?;
    let amount = if scale >= total_weight.scale() {
        to_money(exact, tw, scale - total_weight.scale(), rounding)?
    } else {
        let n = exact.checked_mul(pow10(total_weight.scale() - scale)?)?;
        to_money(n, tw, 0, rounding)?
    };
    Some((dec(exact.into(), scale)?, total_weight, amount))
}

/// The late fee `principal × rate × days`, capped at `cap_ratio × principal`, as `(mantissa, scale, capped)`,
/// for `days > 0`, a positive principal and a non-zero rate (the caller has returned early otherwise).
#[inline]
fn late_fee(rule: &LateFeeRule, principal: Money, days: i64) -> Option<(i64, u32, bool)> {
    let rate = rule.daily_rate;
    let scale = 2 + rate.scale();
    if scale > MAX_SCALE {
        return None;
    }
    let fen = principal.fen();
    let exact = fen.checked_mul(small(rate)?)?.checked_mul(days)?;
    if let Some(ratio) = rule.cap_ratio {
        let limit_scale = 2 + ratio.scale();
        if limit_scale > MAX_SCALE {
            return None;
        }
        let limit = fen.checked_mul(small(ratio)?)?;
        // Compare at the finer of the two scales.
        let over = if limit_scale >= scale {
            exact.checked_mul(pow10(limit_scale - scale)?)? > limit
        } else {
            exact > limit.checked_mul(pow10(scale - limit_scale)?)?
        };
        if over {
            return Some((limit, limit_scale, true));
        }
    }
    Some((exact, scale, false))
}

/// A late-fee line's detail, exact value and amount, from [`late_fee`].
#[inline]
pub(super) fn late_fee_line(
    rule: &LateFeeRule,
    rounding: Rounding,
    principal: Money,
    due: crate::time::DayNumber,
    days: i64,
) -> Option<(Detail, Decimal, Money)> {
    let (exact, scale, capped) = late_fee(rule, principal, days)?;
    let amount = to_money(exact, 1, scale, rounding)?;
    let detail = Detail::late_fee(rule, principal, due, days, capped);
    Some((detail, dec(exact.into(), scale)?, amount))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Unit;
    use proptest::prelude::*;

    fn rounding() -> impl Strategy<Value = Rounding> {
        (
            prop_oneof![
                Just(Mode::HalfUp),
                Just(Mode::HalfEven),
                Just(Mode::Down),
                Just(Mode::Up)
            ],
            prop_oneof![Just(Unit::Fen), Just(Unit::Jiao), Just(Unit::Yuan)],
        )
            .prop_map(|(m, u)| Rounding::new(m, u))
    }

    proptest! {
        /// The 64-bit rounding equals the general one wherever it answers.
        #[test]
        fn to_money_agrees_with_the_general_rounding(n in any::<i64>(), den in 1i64..1_000_000, scale in 0u32..12,
                                                      r in rounding()) {
            let general = Decimal::new(i128::from(n), scale).unwrap().mul_ratio_to_money(1, i128::from(den), r);
            if let Some(fast) = to_money(n, den, scale, r) {
                prop_assert_eq!(Ok(fast), general);
            }
        }

        /// A prorated area line equals the general product and rounding, exact value included.
        #[test]
        fn area_rate_agrees_with_the_general_path(rate in 0i64..100_000, rs in 0u32..5, area in -1i64..10_000_000,
                                                   as_ in 0u32..4, num in 1i64..400, den in 1i64..400,
                                                   r in rounding()) {
            let (rate, area) = (Decimal::new(rate.into(), rs).unwrap(), Decimal::new(area.into(), as_).unwrap());
            let months = Ratio { num, den };
            let (exact, divisor, amount) = area_rate(rate, area, None, months, r).unwrap();
            let base = rate.checked_mul(area).unwrap();
            prop_assert_eq!(amount, base.mul_ratio_to_money(num.into(), den.into(), r).unwrap());
            let general = base.checked_mul(Decimal::from_int(num)).unwrap();
            prop_assert_eq!((exact.mantissa(), exact.scale()), (general.mantissa(), general.scale()));
            prop_assert_eq!(divisor, Decimal::from_int(den));
        }

        /// A computed share equals `pool × weight` divided by the total weight the general way.
        #[test]
        fn share_agrees_with_the_general_path(pool in 0i64..1_000_000_000, w in 0i64..10_000_000, ws in 0u32..6,
                                              extra in 1i64..1_000_000_000, tws in 0u32..6, r in rounding()) {
            let weight = Decimal::new(w.into(), ws).unwrap();
            let total = Decimal::new(i128::from(w) * 10i128.pow(tws) + i128::from(extra), ws + tws).unwrap();
            let pool = Money::from_fen(pool);
            // The fast path may decline (an operand past 64 bits); where it answers, it answers the same.
            let Some((exact, divisor, amount)) = share(pool, weight, total, r) else { return Ok(()) };
            let general = pool.to_decimal().checked_mul(weight).unwrap();
            prop_assert_eq!((exact.mantissa(), exact.scale()), (general.mantissa(), general.scale()));
            prop_assert_eq!(amount, general.div_to_money(total, r).unwrap());
            prop_assert_eq!(divisor, total);
        }

        /// A late fee (capped or not) equals the general accrual and cap, exact value included.
        #[test]
        fn late_fee_agrees_with_the_general_path(fen in 1i64..1_000_000_000, rate in 1i64..100_000, rs in 0u32..8,
                                                 cap in prop::option::of((0i64..300, 0u32..3)), days in 1i64..4_000,
                                                 r in rounding()) {
            let rule = LateFeeRule {
                daily_rate: Decimal::new(rate.into(), rs).unwrap(),
                grace_days: 0,
                cap_ratio: cap.map(|(m, s)| Decimal::new(m.into(), s).unwrap()),
                legal_ceiling_daily_rate: Decimal::ONE,
                source: crate::handbook::Source::Assumed { assumed: String::new() },
            };
            let principal = Money::from_fen(fen);
            let Some((_, exact, amount)) = late_fee_line(&rule, r, principal, 0, days) else { return Ok(()) };
            let (general, _) = super::super::quote::accrue(&rule, principal, days).unwrap();
            prop_assert_eq!((exact.mantissa(), exact.scale()), (general.mantissa(), general.scale()));
            prop_assert_eq!(amount, general.to_money(r).unwrap());
        }
    }
}
