//! [`Money`]: an amount of renminbi as integer fen (分), with checked arithmetic.

use std::fmt;
use std::str::FromStr;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use super::{Decimal, MoneyError};

/// An amount in fen (0.01 yuan). Crosses the boundary as a decimal string with two places (`"1234.50"`).
///
/// Arithmetic is checked: an overflow is [`MoneyError::Overflow`], never a wrap or a panic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Parses `"1234.50"`, `"1234.5"` or `"1234"`; more than two decimal places is `money.too_precise`.
    pub fn parse(s: &str) -> Result<Money, MoneyError> {
        let d = Decimal::parse(s)?;
        if d.scale() > 2 {
            return Err(MoneyError::TooPrecise(s.to_string(), 2));
        }
        let fen = d.rescale_exact(2)?.mantissa();
        i64::try_from(fen).map(Money).map_err(|_| MoneyError::Overflow)
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.0.checked_add(other.0).map(Money).ok_or(MoneyError::Overflow)
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.0.checked_sub(other.0).map(Money).ok_or(MoneyError::Overflow)
    }

    pub fn checked_neg(self) -> Result<Money, MoneyError> {
        self.0.checked_neg().map(Money).ok_or(MoneyError::Overflow)
    }

    /// Times a whole number (e.g. months).
    pub fn checked_mul_int(self, n: i64) -> Result<Money, MoneyError> {
        self.0.checked_mul(n).map(Money).ok_or(MoneyError::Overflow)
    }

    /// Sums amounts, failing on overflow.
    pub fn checked_sum<I: IntoIterator<Item = Money>>(items: I) -> Result<Money, MoneyError> {
        items.into_iter().try_fold(Money::ZERO, Money::checked_add)
    }

    /// The amount as an exact decimal of yuan.
    pub fn to_decimal(self) -> Decimal {
        Decimal::from_money(self)
    }
}

impl Money {
    /// The amount's text (`1234.50`, `-0.05`) in a buffer on the stack: answers write many amounts.
    fn write_text(self, buf: &mut [u8; 24]) -> &str {
        let mut a = self.0.unsigned_abs();
        let mut at = buf.len();
        let mut put = |b: u8| {
            at -= 1;
            buf[at] = b;
        };
        for _ in 0..2 {
            put(b'0' + (a % 10) as u8);
            a /= 10;
        }
        put(b'.');
        loop {
            put(b'0' + (a % 10) as u8);
            a /= 10;
            if a == 0 {
                break;
            }
        }
        if self.0 < 0 {
            put(b'-');
        }
        std::str::from_utf8(&buf[at..]).unwrap_or("")
    }
}

impl fmt::Display for Money {
    /// `1234.50`, `-0.05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.write_text(&mut [0; 24]))
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse(s)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.write_text(&mut [0; 24]))
    }
}

impl<'de> Deserialize<'de> for Money {
    /// Amounts cross the boundary as strings (`"1234.50"`), never JSON numbers.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount as a decimal string such as \"1234.50\"")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Money, E> {
                Money::parse(s).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]{1,2})?$"})
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_formats_two_places() {
        assert_eq!(Money::parse("1234.50").unwrap().fen(), 123_450);
        assert_eq!(Money::parse("1234.5").unwrap().to_string(), "1234.50");
        assert_eq!(Money::parse("7").unwrap().to_string(), "7.00");
        assert_eq!(Money::parse("-0.05").unwrap().to_string(), "-0.05");
        assert_eq!(Money::from_fen(i64::MIN).to_string(), "-92233720368547758.08");
        assert!(matches!(Money::parse("1.005"), Err(MoneyError::TooPrecise(..))));
        assert!(matches!(Money::parse("1,00"), Err(MoneyError::Malformed(_))));
        assert_eq!(Money::parse("92233720368547758.08"), Err(MoneyError::Overflow));
        assert_eq!(
            Money::parse("-92233720368547758.08").unwrap(),
            Money::from_fen(i64::MIN)
        );
    }

    #[test]
    fn arithmetic_is_checked() {
        let max = Money::from_fen(i64::MAX);
        assert_eq!(max.checked_add(Money::from_fen(1)), Err(MoneyError::Overflow));
        assert_eq!(Money::from_fen(i64::MIN).checked_neg(), Err(MoneyError::Overflow));
        assert_eq!(max.checked_mul_int(2), Err(MoneyError::Overflow));
        assert_eq!(
            Money::checked_sum([Money::from_fen(1), Money::from_fen(2)])
                .unwrap()
                .fen(),
            3
        );
    }

    #[test]
    fn serde_uses_strings_only() {
        let m: Money = serde_json::from_str("\"12.30\"").unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"12.30\"");
        assert!(serde_json::from_str::<Money>("12.3").is_err());
    }

    proptest! {
        #[test]
        fn text_is_yuan_point_two_fen_digits(fen in any::<i64>()) {
            let a = fen.unsigned_abs();
            let sign = if fen < 0 { "-" } else { "" };
            prop_assert_eq!(Money::from_fen(fen).to_string(), format!("{sign}{}.{:02}", a / 100, a % 100));
        }

        #[test]
        fn format_then_parse_round_trips(fen in any::<i64>()) {
            let m = Money::from_fen(fen);
            prop_assert_eq!(Money::parse(&m.to_string()).unwrap(), m);
        }

        #[test]
        fn checked_ops_never_panic(a in any::<i64>(), b in any::<i64>()) {
            let (x, y) = (Money::from_fen(a), Money::from_fen(b));
            let _ = (x.checked_add(y), x.checked_sub(y), x.checked_neg(), x.checked_mul_int(b));
        }
    }
}
