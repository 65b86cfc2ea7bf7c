//! Prefix sums of a per-day quantity (working seconds, working days) over a dated table, extended in both
//! directions by the regular week — so every query jumps, in O(log n) inside the table and O(1) outside it.

use crate::time::weekday;

/// A per-day quantity: `prefix[i]` is the total of days `anchor .. anchor + i`; outside the table the weekly
/// pattern repeats (`week[w]` is the total of Monday .. weekday `w`, exclusive).
#[derive(Debug, Clone)]
pub(crate) struct Tally {
    anchor: i64,
    prefix: Vec<i64>,
    week: [i64; 8],
}

impl Tally {
    /// Builds the tally from per-day values of the table and per-weekday values of the regular week.
    pub(crate) fn new(anchor: i64, days: impl Iterator<Item = i64>, weekly: [i64; 7]) -> Tally {
        let mut prefix = vec![0];
        let mut sum = 0;
        for v in days {
            sum += v;
            prefix.push(sum);
        }
        let mut week = [0; 8];
        for (w, v) in weekly.iter().enumerate() {
            week[w + 1] = week[w] + v;
        }
        Tally { anchor, prefix, week }
    }

    fn end(&self) -> i64 {
        self.anchor + self.prefix.len() as i64 - 1
    }

    fn top(&self) -> i64 {
        self.prefix.last().copied().unwrap_or(0)
    }

    /// Total over `a .. b` (a ≤ b) under the regular week.
    fn regular(&self, a: i64, b: i64) -> i64 {
        let len = b - a;
        let w = weekday_of(a);
        let r = (len % 7) as usize;
        let partial = if w + r <= 7 {
            self.week[w + r] - self.week[w]
        } else {
            self.week[7] - self.week[w] + self.week[w + r - 7]
        };
        (len / 7) * self.week[7] + partial
    }

    /// The smallest table index `i` with `prefix[i + 1] >= target`, searching forward from index `from`
    /// (0 < target <= top).
    fn gallop(&self, target: i64, from: i64) -> usize {
        let ends = &self.prefix[1..];
        let mut lo = usize::try_from(from).unwrap_or(0).min(ends.len());
        if lo > 0 && ends[lo - 1] >= target {
            lo = 0; // the hint was past the answer: search everything
        }
        // Most spans end within a week or two of their start: look at those days one by one first.
        const NEAR: usize = 8;
        let near = &ends[lo..ends.len().min(lo + NEAR)];
        if let Some(i) = near.iter().position(|&p| p >= target) {
            return lo + i;
        }
        lo += near.len();
        let mut step = 1;
        let mut hi = lo;
        while hi < ends.len() && ends[hi] < target {
            lo = hi + 1;
            hi = (hi + step).min(ends.len());
            step *= 2;
        }
        lo + ends[lo..hi].partition_point(|&p| p < target)
    }

    /// Total from the anchor to the start of day `d` (negative before the anchor).
    pub(crate) fn before(&self, d: i64) -> i64 {
        let end = self.end();
        if d < self.anchor {
            -self.regular(d, self.anchor)
        } else if d <= end {
            self.prefix[(d - self.anchor) as usize]
        } else {
            self.top() + self.regular(end, d)
        }
    }

    /// The first day by whose end the total reaches `target`: the smallest `d` with `before(d + 1) >= target`.
    /// `None` when the quantity never grows (a week without any working time). `hint` is a day known not to be
    /// after the answer (the start of an addition): inside the table the search gallops forward from it, so
    /// short spans cost a few probes whatever the table's length.
    pub(crate) fn first_day_reaching(&self, target: i64, hint: i64) -> Option<i64> {
        let per_week = self.week[7];
        if target > self.top() {
            if per_week == 0 {
                return None;
            }
            let (end, r) = (self.end(), target - self.top());
            let mut d = end + 7 * ((r - 1) / per_week);
            while self.regular(end, d + 1) < r {
                d += 1;
            }
            Some(d)
        } else if target > 0 {
            Some(self.anchor + self.gallop(target, hint - self.anchor) as i64)
        } else {
            if per_week == 0 {
                return None;
            }
            let r = -target;
            let mut x = self.anchor - 7 * (r / per_week);
            while self.regular(x - 1, self.anchor) <= r {
                x -= 1;
            }
            Some(x - 1)
        }
    }
}

fn weekday_of(d: i64) -> usize {
    // Day numbers handled here are far inside i32 (the instant range is checked first).
    weekday(d as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One unit per weekday, none at weekends; the table makes day 3 (a Sunday) a working day.
    fn sample() -> Tally {
        // 1970-01-01 (day 0) was a Thursday; days 0..7 are Thu..Wed.
        let weekly = [1, 1, 1, 1, 1, 0, 0];
        let table = [1, 1, 0, 1, 1, 1, 1];
        Tally::new(0, table.into_iter(), weekly)
    }

    #[test]
    fn before_matches_a_day_by_day_count() {
        let t = sample();
        let value = |d: i64| -> i64 {
            if (0..7).contains(&d) {
                [1, 1, 0, 1, 1, 1, 1][d as usize]
            } else {
                i64::from(weekday_of(d) < 5)
            }
        };
        let mut running = 0;
        for d in 0..60 {
            assert_eq!(t.before(d), running, "day {d}");
            running += value(d);
        }
        let mut running = 0;
        for d in (-60..0).rev() {
            running -= value(d);
            assert_eq!(t.before(d), running, "day {d}");
        }
    }

    #[test]
    fn first_day_reaching_inverts_before() {
        let t = sample();
        for target in -40..40 {
            let d = t.first_day_reaching(target, -100).unwrap();
            for hint in [d - 3, d, 0, 5] {
                assert_eq!(
                    t.first_day_reaching(target, hint.min(d)),
                    Some(d),
                    "target {target} hint {hint}"
                );
            }
            assert!(t.before(d + 1) >= target, "target {target}");
            assert!(t.before(d) < target, "target {target}");
        }
    }

    #[test]
    fn a_week_without_work_never_reaches() {
        let t = Tally::new(0, std::iter::empty(), [0; 7]);
        assert_eq!(t.first_day_reaching(1, 0), None);
        assert_eq!(t.first_day_reaching(-1, 0), None);
    }
}
