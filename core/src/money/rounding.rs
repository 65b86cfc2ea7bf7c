//! Rounding modes (舍入方式) and the unit rounded to: the only places where exactness is given up, named in the
//! handbook.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// How a value between two representable ones is resolved. Directions are about magnitude, so negative amounts
/// round like their positive mirror (−0.125 → −0.13 half-up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// 四舍五入: halves away from zero (the default; 444.195 → 444.20).
    #[default]
    HalfUp,
    /// Banker's rounding: halves to the even neighbour (0.125 → 0.12, 0.135 → 0.14).
    HalfEven,
    /// Truncation toward zero (舍去).
    Down,
    /// Away from zero (进一).
    Up,
}

/// The money unit a result is rounded to: fen (分, 0.01), jiao (角, 0.1) or yuan (元, 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    #[default]
    Fen,
    Jiao,
    Yuan,
}

impl Unit {
    /// Decimal places kept by this unit.
    pub fn scale(self) -> u32 {
        match self {
            Unit::Fen => 2,
            Unit::Jiao => 1,
            Unit::Yuan => 0,
        }
    }

    /// Fen in one of this unit.
    pub fn fen(self) -> i64 {
        match self {
            Unit::Fen => 1,
            Unit::Jiao => 10,
            Unit::Yuan => 100,
        }
    }
}

/// A rounding point's rule: which mode, to which unit. Default: half-up to the fen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub to: Unit,
}

impl Rounding {
    pub const fn new(mode: Mode, to: Unit) -> Self {
        Rounding { mode, to }
    }
}

/// `n / d` rounded to an integer by `mode`; `None` if `d` is zero or the result overflows.
///
/// The one primitive every rounding goes through. Uses 64-bit division when both operands fit (the hot path).
#[inline]
pub fn round_ratio(n: i128, d: i128, mode: Mode) -> Option<i128> {
    if let (Ok(n64), Ok(d64)) = (i64::try_from(n), i64::try_from(d)) {
        return round_ratio_64(n64, d64, mode).map(i128::from);
    }
    if d == 0 {
        return None;
    }
    let q = n.checked_div(d)?;
    let r = n.checked_rem(d)?;
    let (ra, da) = (r.unsigned_abs(), d.unsigned_abs());
    resolve(q, r == 0, (n < 0) != (d < 0), ra.cmp(&(da - ra)), q % 2 != 0, mode)
}

#[inline]
fn round_ratio_64(n: i64, d: i64, mode: Mode) -> Option<i64> {
    if d == 0 {
        return None;
    }
    let q = n.checked_div(d)?;
    let r = n - q * d;
    let (ra, da) = (r.unsigned_abs(), d.unsigned_abs());
    resolve(q, r == 0, (n < 0) != (d < 0), ra.cmp(&(da - ra)), q % 2 != 0, mode)
}

/// Steps the truncated quotient `q` away from zero when `mode` says so. `half` compares the remainder with
/// what is left of the divisor (less: below half, equal: exactly half, greater: above half).
#[inline]
fn resolve<T: Step>(q: T, exact: bool, negative: bool, half: Ordering, odd: bool, mode: Mode) -> Option<T> {
    if exact {
        return Some(q);
    }
    let bump = match mode {
        Mode::Down => false,
        Mode::Up => true,
        Mode::HalfUp => half != Ordering::Less,
        Mode::HalfEven => half == Ordering::Greater || (half == Ordering::Equal && odd),
    };
    if !bump {
        Some(q)
    } else if negative {
        q.minus_one()
    } else {
        q.plus_one()
    }
}

/// One step away from a quotient, checked.
trait Step: Sized {
    fn plus_one(self) -> Option<Self>;
    fn minus_one(self) -> Option<Self>;
}

impl Step for i64 {
    fn plus_one(self) -> Option<i64> {
        self.checked_add(1)
    }
    fn minus_one(self) -> Option<i64> {
        self.checked_sub(1)
    }
}

impl Step for i128 {
    fn plus_one(self) -> Option<i128> {
        self.checked_add(1)
    }
    fn minus_one(self) -> Option<i128> {
        self.checked_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mode_resolves_halves_and_non_halves() {
        let r = |n, d, m| round_ratio(n, d, m).unwrap();
        assert_eq!(r(5, 2, Mode::HalfUp), 3);
        assert_eq!(r(-5, 2, Mode::HalfUp), -3);
        assert_eq!(r(5, 2, Mode::HalfEven), 2);
        assert_eq!(r(7, 2, Mode::HalfEven), 4);
        assert_eq!(r(-7, 2, Mode::HalfEven), -4);
        assert_eq!(r(7, 3, Mode::Down), 2);
        assert_eq!(r(-7, 3, Mode::Down), -2);
        assert_eq!(r(7, 3, Mode::Up), 3);
        assert_eq!(r(-7, 3, Mode::Up), -3);
        assert_eq!(r(4, 3, Mode::HalfUp), 1);
        assert_eq!(r(5, -3, Mode::HalfUp), -2);
        assert_eq!(round_ratio(1, 0, Mode::HalfUp), None);
        assert_eq!(round_ratio(i128::MIN, -1, Mode::HalfUp), None);
        assert_eq!(r(i128::MAX, 2, Mode::HalfUp), i128::MAX / 2 + 1);
    }
}
