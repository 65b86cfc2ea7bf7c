//! An exact fixed-point decimal (定点小数) for rates and quantities: an `i128` mantissa and an explicit scale.
//!
//! `0.538` is `{mantissa: 538, scale: 3}`. Products keep every digit (scales add); only [`Decimal::round`] and
//! friends drop digits, by a named [`Mode`]. Every operation is checked: overflow is an error, never a wrap.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use super::{round_ratio, Mode, Money, MoneyError, Rounding};

/// The most decimal places an intermediate value may carry.
pub const MAX_SCALE: u32 = 36;
/// The most decimal places a decimal string may have at the boundary.
pub const MAX_PARSE_SCALE: u32 = 18;
/// The most digits a decimal string may have at the boundary (fits `i128` with room for one product).
const MAX_PARSE_DIGITS: usize = 30;

/// An exact decimal number: `mantissa × 10^-scale`. Equality and order are numeric (`2.5 == 2.50`).
///
/// Packed to 8-byte alignment (24 bytes instead of 32): bill lines carry several decimals, and a 100 k-unit bill
/// run is bound by memory traffic. Fields are only ever read by value.
#[derive(Clone, Copy, Default)]
#[repr(C, packed(8))]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// Powers of ten that fit an `i128` (10^0 … 10^38).
const POW10: [i128; 39] = {
    let mut t = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// `a × b`, skipping the slow overflow-checked 128-bit multiply when both fit 64 bits (the usual case).
#[inline]
pub fn mul(a: i128, b: i128) -> Option<i128> {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(a), Ok(b)) => Some(i128::from(a) * i128::from(b)),
        _ => a.checked_mul(b),
    }
}

/// `10^n`, if it fits.
#[inline]
pub(crate) fn pow10(n: u32) -> Option<i128> {
    POW10.get(n as usize).copied()
}

impl Decimal {
    pub const ZERO: Decimal = Decimal { mantissa: 0, scale: 0 };
    pub const ONE: Decimal = Decimal { mantissa: 1, scale: 0 };

    /// `mantissa × 10^-scale`; the scale may not exceed [`MAX_SCALE`].
    pub fn new(mantissa: i128, scale: u32) -> Result<Decimal, MoneyError> {
        if scale > MAX_SCALE {
            return Err(MoneyError::Overflow);
        }
        Ok(Decimal { mantissa, scale })
    }

    /// `mantissa × 10^-scale`, or `None` past [`MAX_SCALE`]: [`Decimal::new`] without an error value to build
    /// and drop, for hot paths that fall back to the general arithmetic anyway.
    #[inline]
    pub(crate) const fn from_parts(mantissa: i128, scale: u32) -> Option<Decimal> {
        if scale > MAX_SCALE {
            return None;
        }
        Some(Decimal { mantissa, scale })
    }

    /// A whole number.
    pub const fn from_int(n: i64) -> Decimal {
        Decimal {
            mantissa: n as i128,
            scale: 0,
        }
    }

    pub fn mantissa(self) -> i128 {
        self.mantissa
    }

    pub fn scale(self) -> u32 {
        self.scale
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    pub fn is_positive(self) -> bool {
        self.mantissa > 0
    }

    /// Parses a plain decimal string: optional `-`, digits, optionally `.` and digits. No exponent, no spaces.
    pub fn parse(s: &str) -> Result<Decimal, MoneyError> {
        let bad = || MoneyError::Malformed(s.to_string());
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        let digits_ok = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits_ok(int) || !digits_ok(frac) || (body.contains('.') && frac.is_empty()) {
            return Err(bad());
        }
        if frac.len() > MAX_PARSE_SCALE as usize {
            return Err(MoneyError::TooPrecise(s.to_string(), MAX_PARSE_SCALE));
        }
        let significant = int.trim_start_matches('0').len() + frac.len();
        if significant > MAX_PARSE_DIGITS {
            return Err(MoneyError::Overflow);
        }
        let mut m: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            m = m
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(b - b'0')))
                .ok_or(MoneyError::Overflow)?;
        }
        Ok(Decimal {
            mantissa: if negative { -m } else { m },
            scale: frac.len() as u32,
        })
    }

    /// The same value written with exactly `scale` places, if that loses nothing and fits.
    #[inline]
    pub fn rescale_exact(self, scale: u32) -> Result<Decimal, MoneyError> {
        if scale == self.scale {
            return Ok(self);
        }
        if scale > self.scale {
            let f = pow10(scale - self.scale).ok_or(MoneyError::Overflow)?;
            let m = mul(self.mantissa, f).ok_or(MoneyError::Overflow)?;
            Decimal::new(m, scale)
        } else {
            let f = pow10(self.scale - scale).ok_or(MoneyError::Overflow)?;
            if self.mantissa % f != 0 {
                return Err(MoneyError::TooPrecise(self.to_string(), scale));
            }
            Decimal::new(self.mantissa / f, scale)
        }
    }

    /// Rounds to `scale` places by `mode` (a no-op when it already has no more places).
    #[inline]
    pub fn round(self, scale: u32, mode: Mode) -> Result<Decimal, MoneyError> {
        if scale >= self.scale {
            return Ok(self);
        }
        let f = pow10(self.scale - scale).ok_or(MoneyError::Overflow)?;
        let m = round_ratio(self.mantissa, f, mode).ok_or(MoneyError::Overflow)?;
        Ok(Decimal { mantissa: m, scale })
    }

    /// Rounds to a money amount by `rounding` (mode and unit: fen, jiao or yuan).
    #[inline]
    pub fn to_money(self, rounding: Rounding) -> Result<Money, MoneyError> {
        Decimal::ratio_to_money(self.mantissa, 1, self.scale, rounding)
    }

    /// Rounds `self × num / den` to a money amount with a single rounding: the exact rational never becomes a
    /// decimal first (a prorated month, `× 15/31`, stays exact until this point).
    #[inline]
    pub fn mul_ratio_to_money(self, num: i128, den: i128, rounding: Rounding) -> Result<Money, MoneyError> {
        let n = mul(self.mantissa, num).ok_or(MoneyError::Overflow)?;
        Decimal::ratio_to_money(n, den, self.scale, rounding)
    }

    /// `self / by` rounded to a money amount with a single rounding (a share: `pool × weight / total_weight`).
    #[inline]
    pub fn div_to_money(self, by: Decimal, rounding: Rounding) -> Result<Money, MoneyError> {
        if by.is_zero() {
            return Err(MoneyError::DivisionByZero);
        }
        if self.scale >= by.scale {
            Decimal::ratio_to_money(self.mantissa, by.mantissa, self.scale - by.scale, rounding)
        } else {
            let f = pow10(by.scale - self.scale).ok_or(MoneyError::Overflow)?;
            let n = mul(self.mantissa, f).ok_or(MoneyError::Overflow)?;
            Decimal::ratio_to_money(n, by.mantissa, 0, rounding)
        }
    }

    /// `(n / den) × 10^-scale` rounded to `rounding.to`, as fen.
    #[inline]
    fn ratio_to_money(n: i128, den: i128, scale: u32, rounding: Rounding) -> Result<Money, MoneyError> {
        if den == 0 {
            return Err(MoneyError::DivisionByZero);
        }
        let keep = rounding.to.scale();
        // units of the target = n / (den × 10^(scale − keep)), or n × 10^(keep − scale) / den.
        let units = if scale >= keep {
            let f = pow10(scale - keep).ok_or(MoneyError::Overflow)?;
            let d = mul(den, f).ok_or(MoneyError::Overflow)?;
            round_ratio(n, d, rounding.mode).ok_or(MoneyError::Overflow)?
        } else {
            let f = pow10(keep - scale).ok_or(MoneyError::Overflow)?;
            let n = mul(n, f).ok_or(MoneyError::Overflow)?;
            round_ratio(n, den, rounding.mode).ok_or(MoneyError::Overflow)?
        };
        let fen = mul(units, i128::from(rounding.to.fen())).ok_or(MoneyError::Overflow)?;
        i64::try_from(fen)
            .map(Money::from_fen)
            .map_err(|_| MoneyError::Overflow)
    }

    /// Exact sum.
    #[inline]
    pub fn checked_add(self, other: Decimal) -> Result<Decimal, MoneyError> {
        if self.scale == other.scale {
            let m = self.mantissa.checked_add(other.mantissa).ok_or(MoneyError::Overflow)?;
            return Ok(Decimal {
                mantissa: m,
                scale: self.scale,
            });
        }
        let s = self.scale.max(other.scale);
        let (a, b) = (self.rescale_exact(s)?, other.rescale_exact(s)?);
        let m = a.mantissa.checked_add(b.mantissa).ok_or(MoneyError::Overflow)?;
        Decimal::new(m, s)
    }

    /// Exact difference.
    #[inline]
    pub fn checked_sub(self, other: Decimal) -> Result<Decimal, MoneyError> {
        if self.scale == other.scale {
            let m = self.mantissa.checked_sub(other.mantissa).ok_or(MoneyError::Overflow)?;
            return Ok(Decimal {
                mantissa: m,
                scale: self.scale,
            });
        }
        let neg = Decimal {
            mantissa: other.mantissa.checked_neg().ok_or(MoneyError::Overflow)?,
            scale: other.scale,
        };
        self.checked_add(neg)
    }

    /// Exact product (scales add).
    #[inline]
    pub fn checked_mul(self, other: Decimal) -> Result<Decimal, MoneyError> {
        let m = mul(self.mantissa, other.mantissa).ok_or(MoneyError::Overflow)?;
        Decimal::new(m, self.scale + other.scale)
    }

    /// `self / other` rounded toward zero to `scale` places (how much a budget buys).
    pub fn div_floor(self, other: Decimal, scale: u32) -> Result<Decimal, MoneyError> {
        if other.is_zero() {
            return Err(MoneyError::DivisionByZero);
        }
        // self/other = (a × 10^-sa) / (b × 10^-sb); result mantissa = a × 10^(scale + sb − sa) / b.
        let exp = i64::from(scale) + i64::from(other.scale) - i64::from(self.scale);
        let (n, d) = if exp >= 0 {
            let f = pow10(exp as u32).ok_or(MoneyError::Overflow)?;
            (
                self.mantissa.checked_mul(f).ok_or(MoneyError::Overflow)?,
                other.mantissa,
            )
        } else {
            let f = pow10(exp.unsigned_abs() as u32).ok_or(MoneyError::Overflow)?;
            (
                self.mantissa,
                other.mantissa.checked_mul(f).ok_or(MoneyError::Overflow)?,
            )
        };
        let m = round_ratio(n, d, Mode::Down).ok_or(MoneyError::Overflow)?;
        Decimal::new(m, scale)
    }

    /// The same value without trailing fractional zeros (`2.50` → `2.5`).
    pub fn normalize(self) -> Decimal {
        let mut d = self;
        while d.scale > 0 && d.mantissa % 10 == 0 {
            d.mantissa /= 10;
            d.scale -= 1;
        }
        d
    }

    /// An amount of money as a decimal of yuan (`1234.50`).
    pub fn from_money(m: Money) -> Decimal {
        Decimal {
            mantissa: i128::from(m.fen()),
            scale: 2,
        }
    }
}

impl PartialEq for Decimal {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        if self.scale == other.scale {
            return self.mantissa == other.mantissa;
        }
        self.cmp_aligned(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    /// Numeric order, exact for every representable pair (integer parts first, then aligned fractions).
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        if self.scale == other.scale {
            let (a, b) = (self.mantissa, other.mantissa);
            return a.cmp(&b);
        }
        self.cmp_aligned(other)
    }
}

impl Decimal {
    /// Numeric order of two decimals of different scales.
    fn cmp_aligned(&self, other: &Self) -> Ordering {
        // Fast path: align the smaller scale up by multiplication when that cannot overflow.
        let (a, b) = if self.scale < other.scale {
            (
                mul(POW10[(other.scale - self.scale) as usize], self.mantissa),
                Some(other.mantissa),
            )
        } else {
            (
                Some(self.mantissa),
                mul(POW10[(self.scale - other.scale) as usize], other.mantissa),
            )
        };
        if let (Some(a), Some(b)) = (a, b) {
            return a.cmp(&b);
        }
        let split = |d: &Decimal| {
            let f = POW10[d.scale as usize];
            (
                d.mantissa.div_euclid(f),
                d.mantissa.rem_euclid(f) * POW10[(MAX_SCALE - d.scale) as usize],
            )
        };
        split(self).cmp(&split(other))
    }
}

impl std::hash::Hash for Decimal {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let n = self.normalize();
        let m = n.mantissa;
        m.hash(state);
        n.scale.hash(state);
    }
}

impl Decimal {
    /// Plain decimal text with exactly `scale` places (`0.538`, `2.50`, `-3`) in a buffer on the stack.
    fn write_text(self, buf: &mut [u8; 80]) -> &str {
        // Digits least significant first, 64-bit division when it fits.
        let mut wide = self.mantissa.unsigned_abs();
        let mut narrow = u64::try_from(wide).ok();
        let scale = self.scale as usize;
        let min_len = if scale > 0 { scale + 2 } else { 1 };
        let mut len = 0;
        loop {
            let more = narrow.map_or(wide > 0, |n| n > 0);
            if len >= buf.len() || !(more || len < min_len) {
                break;
            }
            if scale > 0 && len == scale {
                buf[len] = b'.';
                len += 1;
                continue;
            }
            let digit = match narrow.as_mut() {
                Some(n) => {
                    let d = *n % 10;
                    *n /= 10;
                    d as u8
                }
                None => {
                    let d = (wide % 10) as u8;
                    wide /= 10;
                    if let Ok(n) = u64::try_from(wide) {
                        narrow = Some(n);
                    }
                    d
                }
            };
            buf[len] = b'0' + digit;
            len += 1;
        }
        if self.mantissa < 0 && len < buf.len() {
            buf[len] = b'-';
            len += 1;
        }
        let text = &mut buf[..len];
        text.reverse();
        std::str::from_utf8(text).unwrap_or("")
    }
}

impl fmt::Display for Decimal {
    /// Plain decimal text with exactly `scale` places (`0.538`, `2.50`, `-3`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.write_text(&mut [0; 80]))
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({self})")
    }
}

impl FromStr for Decimal {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::parse(s)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.write_text(&mut [0; 80]))
    }
}

impl<'de> Deserialize<'de> for Decimal {
    /// Decimals cross the boundary as strings (`"0.538"`), never JSON numbers.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a decimal string such as \"0.538\"")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Decimal, E> {
                Decimal::parse(s).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Decimal {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"})
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Unit;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_formats_plain_decimals() {
        assert_eq!(d("0.538").mantissa(), 538);
        assert_eq!(d("0.538").scale(), 3);
        assert_eq!(d("2.50").to_string(), "2.50");
        assert_eq!(d("-0.05").to_string(), "-0.05");
        assert_eq!(d("007").to_string(), "7");
        assert_eq!(d("0.00").to_string(), "0.00");
        let wide = Decimal::new(-123_456_789_012_345_678_901_234_567_890, 5).unwrap();
        assert_eq!(wide.to_string(), "-1234567890123456789012345.67890");
        assert_eq!(
            Decimal::new(1, 36).unwrap().to_string(),
            format!("0.{}1", "0".repeat(35))
        );
        assert_eq!(d("2.5"), d("2.50"));
        assert!(d("2.5") < d("2.51"));
        assert!(d("-1.5") < d("1"));
        for bad in ["", "-", ".5", "5.", "1e3", "+1", " 1", "1,000", "1.2.3", "--1", "一"] {
            assert_eq!(Decimal::parse(bad), Err(MoneyError::Malformed(bad.into())), "{bad:?}");
        }
        assert!(matches!(
            Decimal::parse("0.1234567890123456789"),
            Err(MoneyError::TooPrecise(..))
        ));
        assert_eq!(Decimal::parse(&"9".repeat(31)), Err(MoneyError::Overflow));
        assert!(Decimal::parse(&format!("{}1", "0".repeat(60))).is_ok());
    }

    #[test]
    fn half_up_of_444_195_is_444_20_where_floats_say_444_19() {
        let r = d("444.195").round(2, Mode::HalfUp).unwrap();
        assert_eq!(r.to_string(), "444.20");
        assert_eq!(d("444.195").round(2, Mode::HalfEven).unwrap().to_string(), "444.20");
        assert_eq!(d("444.185").round(2, Mode::HalfEven).unwrap().to_string(), "444.18");
        assert_eq!(d("444.199").round(2, Mode::Down).unwrap().to_string(), "444.19");
        assert_eq!(d("444.191").round(2, Mode::Up).unwrap().to_string(), "444.20");
        assert_eq!(d("-444.195").round(2, Mode::HalfUp).unwrap().to_string(), "-444.20");
    }

    #[test]
    fn rounds_to_fen_jiao_and_yuan() {
        let x = d("12.345");
        let m = |mode, to| x.to_money(Rounding::new(mode, to)).unwrap().to_string();
        assert_eq!(m(Mode::HalfUp, Unit::Fen), "12.35");
        assert_eq!(m(Mode::HalfUp, Unit::Jiao), "12.30");
        assert_eq!(m(Mode::Up, Unit::Jiao), "12.40");
        assert_eq!(m(Mode::HalfUp, Unit::Yuan), "12.00");
        assert_eq!(m(Mode::Up, Unit::Yuan), "13.00");
        assert_eq!(d("7").to_money(Rounding::default()).unwrap().to_string(), "7.00");
    }

    #[test]
    fn products_are_exact_and_prorations_round_once() {
        let p = d("622").checked_mul(d("0.538")).unwrap();
        assert_eq!(p.to_string(), "334.636");
        assert_eq!(p.to_money(Rounding::default()).unwrap().to_string(), "334.64");
        // 100.00 × 15/31 = 48.387… → 48.39, with no intermediate decimal.
        let m = d("100.00").mul_ratio_to_money(15, 31, Rounding::default()).unwrap();
        assert_eq!(m.to_string(), "48.39");
        assert_eq!(d("100").div_floor(d("0.538"), 0).unwrap().to_string(), "185");
        assert_eq!(d("100").div_floor(d("0.538"), 2).unwrap().to_string(), "185.87");
        assert_eq!(d("1").div_floor(Decimal::ZERO, 0), Err(MoneyError::DivisionByZero));
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        let big = Decimal::new(i128::MAX / 2, 0).unwrap();
        assert_eq!(big.checked_mul(d("3")), Err(MoneyError::Overflow));
        assert_eq!(
            big.checked_add(big).and_then(|x| x.checked_add(big)),
            Err(MoneyError::Overflow)
        );
        assert_eq!(d("1").checked_mul(Decimal::new(1, 36).unwrap()).unwrap().scale(), 36);
        assert_eq!(
            d("0.1").checked_mul(Decimal::new(1, 36).unwrap()),
            Err(MoneyError::Overflow)
        );
        assert_eq!(big.to_money(Rounding::default()), Err(MoneyError::Overflow));
    }

    fn any_decimal() -> impl Strategy<Value = Decimal> {
        (any::<i64>(), 0u32..=MAX_PARSE_SCALE).prop_map(|(m, s)| Decimal::new(i128::from(m), s).unwrap())
    }

    proptest! {
        #[test]
        fn format_then_parse_round_trips(x in any_decimal()) {
            let back = Decimal::parse(&x.to_string()).unwrap();
            prop_assert_eq!(back.mantissa(), x.mantissa());
            prop_assert_eq!(back.scale(), x.scale());
        }

        #[test]
        fn rounding_stays_within_one_unit_and_brackets(x in any_decimal(), places in 0u32..6) {
            let down = x.round(places, Mode::Down).unwrap();
            let up = x.round(places, Mode::Up).unwrap();
            let half = x.round(places, Mode::HalfUp).unwrap();
            let even = x.round(places, Mode::HalfEven).unwrap();
            let unit = Decimal::new(1, places).unwrap();
            // |down| ≤ |x| ≤ |up| and up − down ≤ one unit; the half modes pick one of the two.
            prop_assert!(down.checked_sub(x).unwrap().mantissa().signum() * x.mantissa().signum() <= 0);
            prop_assert!(up.checked_sub(down).unwrap().mantissa().unsigned_abs() <= unit.mantissa().unsigned_abs());
            prop_assert!(half == down || half == up);
            prop_assert!(even == down || even == up);
            // Rounding twice at the same place changes nothing.
            prop_assert_eq!(half.round(places, Mode::HalfUp).unwrap(), half);
        }

        #[test]
        fn checked_ops_never_panic(a in any::<i128>(), sa in 0u32..40, b in any::<i128>(), sb in 0u32..40,
                                   n in any::<i128>(), den in any::<i128>()) {
            let (Ok(x), Ok(y)) = (Decimal::new(a, sa), Decimal::new(b, sb)) else { return Ok(()); };
            let _ = x.checked_add(y);
            let _ = x.checked_sub(y);
            let _ = x.checked_mul(y);
            let _ = x.div_floor(y, sb);
            let _ = x.round(sb, Mode::HalfEven);
            let _ = x.to_money(Rounding::new(Mode::Up, Unit::Jiao));
            let _ = x.mul_ratio_to_money(n, den, Rounding::default());
            let _ = x.cmp(&y);
            let _ = x.to_string();
        }

        #[test]
        fn parse_never_panics(s in "[-0-9.]{0,40}") {
            let _ = Decimal::parse(&s);
        }
    }
}
