//! The one table: per operation, wuye's throughput, each peer's, the ratio, and how many answers differ and why.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A peer's result on one workload.
pub struct PeerResult {
    pub name: String,
    pub ops_per_sec: f64,
    /// Answers that differ from wuye's, out of how many, by reason.
    pub differ: Option<Differ>,
}

/// Answers that differ, grouped by reason.
#[derive(Default)]
pub struct Differ {
    pub total: usize,
    pub by_reason: BTreeMap<String, usize>,
}

impl Differ {
    pub fn note(&mut self, reason: Option<&str>) {
        self.total += 1;
        if let Some(r) = reason {
            *self.by_reason.entry(r.to_string()).or_default() += 1;
        }
    }

    fn differing(&self) -> usize {
        self.by_reason.values().sum()
    }

    fn cell(&self) -> String {
        let n = self.differing();
        if n == 0 {
            return format!("0 / {}", self.total);
        }
        let reasons: Vec<String> = self.by_reason.iter().map(|(r, k)| format!("{k} {r}")).collect();
        format!("{n} / {} ({})", self.total, reasons.join("; "))
    }
}

/// One operation of the table.
pub struct Row {
    pub operation: String,
    /// Operations per second, or `None` when the row reports a duration instead.
    pub wuye: f64,
    /// How wuye's answers compare with an exact reference (a brute-force day loop, the integer reference, …).
    pub check: Option<Differ>,
    pub peers: Vec<PeerResult>,
}

/// Throughput as `136.2 M`, `812 k`.
pub fn rate(x: f64) -> String {
    if x >= 1e6 {
        format!("{:.1} M", x / 1e6)
    } else if x >= 1e3 {
        format!("{:.1} k", x / 1e3)
    } else {
        format!("{x:.1}")
    }
}

/// The Markdown table.
pub fn render(rows: &[Row]) -> String {
    let mut out = String::new();
    out.push_str("| operation | wuye ops/s | wuye ns/op | wuye ≠ reference | peer | peer ops/s | wuye ÷ peer | peer answers ≠ wuye (why) |\n");
    out.push_str("|---|---:|---:|---|---|---:|---:|---|\n");
    for r in rows {
        let check = r.check.as_ref().map_or("—".to_string(), Differ::cell);
        let head = format!(
            "| {} | {} | {:.1} | {} ",
            r.operation,
            rate(r.wuye),
            1e9 / r.wuye,
            check
        );
        if r.peers.is_empty() {
            let _ = writeln!(out, "{head}| — | — | — | — |");
        }
        for (i, p) in r.peers.iter().enumerate() {
            let lead = if i == 0 {
                head.clone()
            } else {
                "| 〃 | | | ".to_string()
            };
            let differ = p.differ.as_ref().map_or("—".to_string(), Differ::cell);
            let _ = writeln!(
                out,
                "{lead}| {} | {} | {:.1}× | {} |",
                p.name,
                rate(p.ops_per_sec),
                r.wuye / p.ops_per_sec,
                differ
            );
        }
    }
    out
}
