//! Exact money for deposits: integer fen (分) inside, decimal strings (`"3000.00"`) at the boundary.
//!
//! Kept minimal and private to the workflow pillar until the library's `money` module lands.

use serde::{Serialize, Serializer};
use std::fmt;

/// An amount of money in fen (1 yuan = 100 fen), never negative here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fen(pub i64);

/// Largest accepted amount: 10^15 fen, far below `i64` limits so sums of a history cannot overflow silently.
const MAX_FEN: i64 = 1_000_000_000_000_000;

impl Fen {
    /// Parses `"1234"`, `"1234.5"` or `"1234.50"`: non-negative, at most two decimals, no sign, no exponent.
    pub fn parse(s: &str) -> Option<Fen> {
        let (whole, frac) = match s.split_once('.') {
            Some((w, f)) => (w, f),
            None => (s, ""),
        };
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || whole.len() > 16 || !digits(whole) || frac.len() > 2 || !digits(frac) {
            return None;
        }
        if s.ends_with('.') {
            return None;
        }
        let yuan: i64 = whole.parse().ok()?;
        let mut fen: i64 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
        if frac.len() == 1 {
            fen *= 10;
        }
        let total = yuan.checked_mul(100)?.checked_add(fen)?;
        (total <= MAX_FEN).then_some(Fen(total))
    }

    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).filter(|&v| v <= MAX_FEN).map(Fen)
    }

    pub fn checked_sub(self, other: Fen) -> Option<Fen> {
        self.0.checked_sub(other.0).filter(|&v| v >= 0).map(Fen)
    }
}

impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl Serialize for Fen {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_decimal_strings_exactly() {
        assert_eq!(Fen::parse("3000"), Some(Fen(300_000)));
        assert_eq!(Fen::parse("0.5"), Some(Fen(50)));
        assert_eq!(Fen::parse("1234.05"), Some(Fen(123_405)));
        for bad in ["", ".5", "5.", "-1", "+1", "1.234", "1e3", "1,000", "１"] {
            assert_eq!(Fen::parse(bad), None, "{bad}");
        }
        assert_eq!(Fen(123_405).to_string(), "1234.05");
        assert_eq!(Fen(0).to_string(), "0.00");
    }

    #[test]
    fn subtraction_never_goes_negative() {
        assert_eq!(Fen(100).checked_sub(Fen(101)), None);
        assert_eq!(Fen(100).checked_sub(Fen(40)), Some(Fen(60)));
    }
}
