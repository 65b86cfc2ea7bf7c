//! One day's working windows (e.g. 08:30–12:00 and 13:30–17:30) and the arithmetic inside a day.

use std::fmt::Write as _;

/// Seconds of the day at which working windows open and close, sorted and disjoint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    windows: Vec<(u32, u32)>,
    total: i64,
}

/// Why a window string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WindowError {
    Syntax(String),
    Order(String),
}

impl Schedule {
    /// Parses windows such as `["08:30-12:00", "13:30-17:30"]`: each `HH:MM-HH:MM`, start before end, in order.
    pub(crate) fn parse(windows: &[String]) -> Result<Schedule, (usize, WindowError)> {
        let mut out: Vec<(u32, u32)> = Vec::with_capacity(windows.len());
        for (i, w) in windows.iter().enumerate() {
            let (s, e) = parse_window(w).ok_or_else(|| {
                (
                    i,
                    WindowError::Syntax(format!("`{w}` is not a window like 08:30-12:00 (end may be 24:00)")),
                )
            })?;
            if s >= e {
                return Err((i, WindowError::Order(format!("`{w}` ends before it starts"))));
            }
            if out.last().is_some_and(|&(_, prev_end)| s < prev_end) {
                return Err((
                    i,
                    WindowError::Order(format!("`{w}` overlaps or precedes the window before it")),
                ));
            }
            out.push((s, e));
        }
        let total = out.iter().map(|&(s, e)| i64::from(e - s)).sum();
        Ok(Schedule { windows: out, total })
    }

    /// Working seconds in the whole day.
    pub fn total(&self) -> i64 {
        self.total
    }

    /// Working seconds from midnight up to `sod` (seconds of the day).
    pub(crate) fn worked_before(&self, sod: u32) -> i64 {
        let mut sum = 0;
        for &(s, e) in &self.windows {
            if sod <= s {
                break;
            }
            sum += i64::from(sod.min(e) - s);
        }
        sum
    }

    /// The earliest second of the day by which `worked` seconds have been worked (0 < worked ≤ total): a deadline
    /// that lands exactly on a window's end stays there.
    pub(crate) fn reached_at(&self, mut worked: i64) -> u32 {
        for &(s, e) in &self.windows {
            let len = i64::from(e - s);
            if worked <= len {
                return s + worked as u32;
            }
            worked -= len;
        }
        self.windows.last().map_or(0, |&(_, e)| e)
    }

    /// Whether `sod` lies inside a window (start included, end excluded).
    pub(crate) fn contains(&self, sod: u32) -> bool {
        self.windows.iter().any(|&(s, e)| s <= sod && sod < e)
    }

    /// The windows as `HH:MM-HH:MM` strings.
    pub fn describe(&self) -> Vec<String> {
        self.windows
            .iter()
            .map(|&(s, e)| {
                let mut t = String::new();
                let _ = write!(
                    t,
                    "{:02}:{:02}-{:02}:{:02}",
                    s / 3600,
                    s % 3600 / 60,
                    e / 3600,
                    e % 3600 / 60
                );
                t
            })
            .collect()
    }
}

fn parse_window(w: &str) -> Option<(u32, u32)> {
    let (a, b) = w.split_once('-')?;
    Some((parse_clock(a.trim())?, parse_clock(b.trim())?))
}

fn parse_clock(t: &str) -> Option<u32> {
    let (h, m) = t.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (24, 0) => Some(86_400),
        (0..=23, 0..=59) => Some(h * 3600 + m * 60),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_windows() -> Schedule {
        Schedule::parse(&["08:30-12:00".into(), "13:30-17:30".into()]).unwrap()
    }

    #[test]
    fn measures_inside_a_day() {
        let s = two_windows();
        assert_eq!(s.total(), 7 * 3600 + 1800);
        assert_eq!(s.worked_before(8 * 3600), 0);
        assert_eq!(s.worked_before(12 * 3600 + 60), 3 * 3600 + 1800);
        assert_eq!(s.worked_before(14 * 3600), 4 * 3600);
        assert_eq!(
            s.reached_at(3 * 3600 + 1800),
            12 * 3600,
            "lands on the window's end and stays there"
        );
        assert_eq!(s.reached_at(3 * 3600 + 1801), 13 * 3600 + 1801);
        assert!(s.contains(8 * 3600 + 1800) && !s.contains(12 * 3600));
        assert_eq!(s.describe(), ["08:30-12:00", "13:30-17:30"]);
    }

    #[test]
    fn refuses_bad_windows() {
        assert!(matches!(
            Schedule::parse(&["9:00-18:00".into()]),
            Err((0, WindowError::Syntax(_)))
        ));
        assert!(matches!(
            Schedule::parse(&["18:00-09:00".into()]),
            Err((0, WindowError::Order(_)))
        ));
        let overlapping = ["08:00-12:00".to_string(), "11:00-13:00".to_string()];
        assert!(matches!(Schedule::parse(&overlapping), Err((1, WindowError::Order(_)))));
        assert_eq!(Schedule::parse(&["00:00-24:00".into()]).unwrap().total(), 86_400);
        assert!(Schedule::parse(&["00:00-24:01".into()]).is_err());
    }
}
