//! Apportionment (公摊) by the largest-remainder method: the shares always sum exactly to the total.

use super::{decimal::pow10, Decimal, Money, MoneyError};

/// Splits `total` over `weights` (area, 1 per household, consumption …) so the shares sum exactly to `total`.
///
/// Each share first gets `⌊total × w / Σw⌋` fen; the fen left over go one each to the largest remainders.
/// **Tie-break**: equal remainders are served in input order (the earlier weight gets the fen first), so the
/// result depends only on the order the caller lists the parties in — list them in a stable order (e.g. by unit
/// id). A negative total is split like its absolute value and negated. Weights must be non-negative with a
/// positive sum; a zero weight gets nothing.
///
/// ```
/// use wuye::money::{apportion, Decimal, Money};
/// let one = Decimal::ONE;
/// let shares = apportion("100.00".parse().unwrap(), &[one, one, one]).unwrap();
/// let text: Vec<String> = shares.iter().map(Money::to_string).collect();
/// assert_eq!(text, ["33.34", "33.33", "33.33"]);
/// ```
pub fn apportion(total: Money, weights: &[Decimal]) -> Result<Vec<Money>, MoneyError> {
    let scale = weights.iter().map(|w| w.scale()).max().unwrap_or(0);
    let f = |w: &Decimal| -> Result<u128, MoneyError> {
        if w.is_negative() {
            return Err(MoneyError::InvalidWeights);
        }
        let m = w.mantissa().unsigned_abs();
        let k = pow10(scale - w.scale()).ok_or(MoneyError::Overflow)?.unsigned_abs();
        m.checked_mul(k).ok_or(MoneyError::Overflow)
    };
    let ints: Vec<u128> = weights.iter().map(f).collect::<Result<_, _>>()?;
    let sum = ints
        .iter()
        .try_fold(0u128, |a, &w| a.checked_add(w))
        .ok_or(MoneyError::Overflow)?;
    if sum == 0 {
        return Err(MoneyError::InvalidWeights);
    }
    let t = u128::from(total.fen().unsigned_abs());
    let mut shares = Vec::with_capacity(ints.len());
    let mut remainders = Vec::with_capacity(ints.len());
    let mut given: u128 = 0;
    for (i, &w) in ints.iter().enumerate() {
        let p = t.checked_mul(w).ok_or(MoneyError::Overflow)?;
        // 64-bit division when both fit (a 100 k-unit estate: a 128-bit division costs ~10× more).
        let (q, r) = match (u64::try_from(p), u64::try_from(sum)) {
            (Ok(p), Ok(s)) => (u128::from(p / s), u128::from(p % s)),
            _ => (p / sum, p % sum),
        };
        given += q; // ≤ t: the floors never exceed the total
        shares.push(q);
        remainders.push((r, i));
    }
    // Fewer fen are left than there are weights: they go to the `left` largest remainders, equal remainders in
    // input order. That order is total, so selecting the first `left` (linear) picks the same parties as sorting.
    let left = usize::try_from(t - given).map_or(remainders.len(), |l| l.min(remainders.len()));
    if left > 0 {
        let largest_first = |a: &(u128, usize), b: &(u128, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if left < remainders.len() {
            remainders.select_nth_unstable_by(left - 1, largest_first);
        }
        for &(_, i) in &remainders[..left] {
            if let Some(s) = shares.get_mut(i) {
                *s += 1;
            }
        }
    }
    let negative = total.is_negative();
    shares
        .into_iter()
        .map(|s| {
            let s = i64::try_from(s).map_err(|_| MoneyError::Overflow)?;
            Ok(Money::from_fen(if negative { -s } else { s }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn texts(v: &[Money]) -> Vec<String> {
        v.iter().map(Money::to_string).collect()
    }

    #[test]
    fn shared_electricity_by_area_sums_to_the_pool() {
        let pool = d("622")
            .checked_mul(d("0.538"))
            .unwrap()
            .to_money(Default::default())
            .unwrap();
        assert_eq!(pool.to_string(), "334.64");
        let shares = apportion(pool, &[d("63.44"), d("134.74"), d("126.38")]).unwrap();
        assert_eq!(texts(&shares), ["65.41", "138.92", "130.31"]);
        assert_eq!(Money::checked_sum(shares).unwrap(), pool);
    }

    #[test]
    fn ties_go_to_the_earlier_party_and_negatives_mirror() {
        let one = Decimal::ONE;
        assert_eq!(
            texts(&apportion(Money::from_fen(10_000), &[one, one, one]).unwrap()),
            ["33.34", "33.33", "33.33"]
        );
        assert_eq!(
            texts(&apportion(Money::from_fen(2), &[one, one, one]).unwrap()),
            ["0.01", "0.01", "0.00"]
        );
        assert_eq!(
            texts(&apportion(Money::from_fen(-10_000), &[one, one, one]).unwrap()),
            ["-33.34", "-33.33", "-33.33"]
        );
        assert_eq!(
            texts(&apportion(Money::from_fen(5), &[Decimal::ZERO, one]).unwrap()),
            ["0.00", "0.05"]
        );
    }

    #[test]
    fn bad_weights_are_refused() {
        assert_eq!(apportion(Money::from_fen(1), &[]), Err(MoneyError::InvalidWeights));
        assert_eq!(
            apportion(Money::from_fen(1), &[Decimal::ZERO]),
            Err(MoneyError::InvalidWeights)
        );
        assert_eq!(
            apportion(Money::from_fen(1), &[d("-1"), d("2")]),
            Err(MoneyError::InvalidWeights)
        );
    }

    proptest! {
        #[test]
        fn shares_sum_to_the_total_for_any_total_and_positive_weights(
            total in any::<i64>(),
            weights in prop::collection::vec((1i64..=1_000_000_000_000, 0u32..=6), 1..40),
        ) {
            let ws: Vec<Decimal> = weights.iter().map(|&(m, s)| Decimal::new(i128::from(m), s).unwrap()).collect();
            let shares = apportion(Money::from_fen(total), &ws).unwrap();
            prop_assert_eq!(shares.len(), ws.len());
            let sum: i128 = shares.iter().map(|s| i128::from(s.fen())).sum();
            prop_assert_eq!(sum, i128::from(total));
            // Each share is within one fen of its exact proportional value.
            let scale = weights.iter().map(|w| w.1).max().unwrap();
            let ints: Vec<i128> = weights.iter().map(|&(m, s)| i128::from(m) * 10i128.pow(scale - s)).collect();
            let w: i128 = ints.iter().sum();
            for (s, wi) in shares.iter().zip(&ints) {
                let exact_num = i128::from(total).abs() * wi; // share × w vs exact_num
                let got = i128::from(s.fen()).abs() * w;
                prop_assert!((got - exact_num).abs() < w);
            }
        }

        /// The fen left over go to the largest remainders, ties to the earlier party: the same shares as sorting
        /// every remainder (what the selection replaced), with many equal weights to exercise the tie-break.
        #[test]
        fn leftover_fen_go_where_a_full_sort_sends_them(
            total in 0i64..10_000_000,
            weights in prop::collection::vec(1i64..=12, 1..60),
        ) {
            let ws: Vec<Decimal> = weights.iter().map(|&m| Decimal::from_int(m)).collect();
            let shares = apportion(Money::from_fen(total), &ws).unwrap();
            let sum: i128 = weights.iter().map(|&w| i128::from(w)).sum();
            let t = i128::from(total);
            let mut expected: Vec<i128> = weights.iter().map(|&w| t * i128::from(w) / sum).collect();
            let mut order: Vec<(i128, usize)> =
                weights.iter().enumerate().map(|(i, &w)| (t * i128::from(w) % sum, i)).collect();
            order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let left = t - expected.iter().sum::<i128>();
            for &(_, i) in order.iter().take(left as usize) {
                expected[i] += 1;
            }
            let got: Vec<i128> = shares.iter().map(|s| i128::from(s.fen())).collect();
            prop_assert_eq!(got, expected);
        }
    }
}
