//! Rounding modes (舍入方式) and the unit rounded to: the only places where exactness is given up, named in the
//! handbook.

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
    if d == 0 {
        return None;
    }
    let (q, r) = if let (Ok(n64), Ok(d64)) = (i64::try_from(n), i64::try_from(d)) {
        let q = n64.checked_div(d64)?;
        (i128::from(q), i128::from(n64 - q * d64))
    } else {
        (n.checked_div(d)?, n.checked_rem(d)?)
    };
    if r == 0 {
        return Some(q);
    }
    // Sign of the exact quotient, and the remainder's size against half the divisor.
    let negative = (n < 0) != (d < 0);
    let away = if negative { q.checked_sub(1)? } else { q.checked_add(1)? };
    let r2 = r.unsigned_abs().checked_mul(2);
    let da = d.unsigned_abs();
    let bump = match mode {
        Mode::Down => false,
        Mode::Up => true,
        Mode::HalfUp => r2.is_none_or(|r2| r2 >= da),
        Mode::HalfEven => match r2 {
            None => true,
            Some(r2) if r2 == da => q % 2 != 0,
            Some(r2) => r2 > da,
        },
    };
    Some(if bump { away } else { q })
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
